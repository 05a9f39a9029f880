-- The coverage matrix's dimensions (docs/coverage.md), and feedback suggestions a person dismissed (docs/feedback.md):
-- the DuckDB schema's tables, with keys and foreign keys.

-- The workspace's coverage file, one JSON document's worth.
CREATE TABLE coverage_configs (
  workspace_id integer PRIMARY KEY REFERENCES workspaces (id),
  definition json NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A question or issue that reads as feedback but is not: it is not suggested again.
CREATE TABLE feedback_dismissals (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  message_id text NOT NULL,
  dismissed_by text NOT NULL,
  dismissed_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, message_id)
);

-- The coverage matrix's dimensions (docs/coverage.md), and feedback suggestions a person dismissed (docs/feedback.md).

-- The workspace's coverage file, one JSON document's worth.
CREATE TABLE coverage_configs (
  workspace_id INTEGER PRIMARY KEY,
  definition JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- A question or issue that reads as feedback but is not: it is not suggested again. Small (people dismiss by hand).
CREATE TABLE feedback_dismissals (
  workspace_id INTEGER NOT NULL,
  message_id VARCHAR NOT NULL,
  dismissed_by VARCHAR NOT NULL,
  dismissed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, message_id)
);

-- Docs gaps, product feedback, the coverage matrix and the community pulse (docs/docs-gaps.md, docs/feedback.md,
-- docs/coverage.md, docs/community.md#health-pulse): the DuckDB schema's
-- tables, with keys and foreign keys.

-- The text of a content item (a docs page's Markdown body), kept apart from the catalog so that listing items never
-- reads it; the docs-gap analysis indexes it. Importers replace it when the page changes.
CREATE TABLE content_texts (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  content_id bigint NOT NULL,
  body text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, content_id),
  FOREIGN KEY (workspace_id, content_id) REFERENCES content_items (workspace_id, id)
);

-- Product feedback: bugs, feature requests, docs problems and friction (docs/feedback.md). organizations: companies
-- that raised it without a developer named (a sales call), as a JSON list of names.
CREATE TABLE feedback_items (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  title text NOT NULL,
  body text,
  kind text NOT NULL,
  area text,
  status text NOT NULL,
  tracker_url text,
  source text NOT NULL,
  source_message_id text,
  organizations json NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  shipped_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);

-- The developers who raised (role raised) or upvoted (role upvoted) an item. Like notes, a developer hangs on one of
-- their identities, so that they follow it through merges; message_id names the activity it was raised in.
CREATE TABLE feedback_voters (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  feedback_id bigint NOT NULL,
  identity_id bigint NOT NULL,
  role text NOT NULL,
  message_id text,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, feedback_id, identity_id),
  FOREIGN KEY (workspace_id, feedback_id) REFERENCES feedback_items (workspace_id, id)
);

-- An outreach task that tells a developer their feedback shipped names the item.
ALTER TABLE outreach_tasks ADD COLUMN feedback_id bigint;

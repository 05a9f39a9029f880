-- Docs gaps, product feedback, the coverage matrix and the community pulse (docs/docs-gaps.md, docs/feedback.md,
-- docs/coverage.md, docs/community.md#health-pulse).

-- The text of a content item (a docs page's Markdown body), kept apart from the catalog so that listing items never
-- reads it; the docs-gap analysis indexes it. Importers replace it when the page changes.
CREATE TABLE content_texts (
  workspace_id INTEGER NOT NULL,
  content_id BIGINT NOT NULL,
  body VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, content_id)
);

-- Product feedback: bugs, feature requests, docs problems and friction (docs/feedback.md). organizations: companies
-- that raised it without a developer named (a sales call), as a JSON list of names.
CREATE TABLE feedback_items (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  title VARCHAR NOT NULL,
  body VARCHAR,
  kind VARCHAR NOT NULL,
  area VARCHAR,
  status VARCHAR NOT NULL,
  tracker_url VARCHAR,
  source VARCHAR NOT NULL,
  source_message_id VARCHAR,
  organizations JSON NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  shipped_at TIMESTAMP,
  PRIMARY KEY (workspace_id, id)
);

-- The developers who raised (role raised) or upvoted (role upvoted) an item. Like notes, a developer hangs on one of
-- their identities, so that they follow it through merges; message_id names the activity it was raised in.
CREATE TABLE feedback_voters (
  workspace_id INTEGER NOT NULL,
  feedback_id BIGINT NOT NULL,
  identity_id BIGINT NOT NULL,
  role VARCHAR NOT NULL,
  message_id VARCHAR,
  added_by VARCHAR NOT NULL,
  added_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, feedback_id, identity_id)
);

-- An outreach task that tells a developer their feedback shipped names the item.
ALTER TABLE outreach_tasks ADD COLUMN feedback_id BIGINT;

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

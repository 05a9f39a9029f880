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

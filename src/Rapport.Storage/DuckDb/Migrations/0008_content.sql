-- The content catalog: posts, videos, talks, samples… with their reuse tree (parent_id and the kind of reuse).
-- Small (a team makes thousands of items, not millions), so it keeps its keys on DuckDB too.
CREATE TABLE content_items (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  title VARCHAR NOT NULL,
  urls JSON NOT NULL,
  channel VARCHAR,
  party VARCHAR,
  published_at TIMESTAMP,
  authors JSON NOT NULL,
  tags JSON NOT NULL,
  -- Effort is kept in whole minutes, shown in hours.
  effort_minutes BIGINT,
  parent_id BIGINT,
  reuse VARCHAR,
  description VARCHAR,
  source VARCHAR NOT NULL,
  -- What an importer knows the item by (a feed's guid, a Markdown file's canonical URL), so importing again updates it.
  source_key VARCHAR,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

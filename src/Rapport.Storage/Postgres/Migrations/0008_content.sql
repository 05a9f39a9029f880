-- The content catalog: posts, videos, talks, samples… with their reuse tree (parent_id and the kind of reuse).
CREATE TABLE content_items (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  kind text NOT NULL,
  title text NOT NULL,
  urls json NOT NULL,
  channel text,
  party text,
  published_at timestamptz,
  authors json NOT NULL,
  tags json NOT NULL,
  -- Effort is kept in whole minutes, shown in hours.
  effort_minutes bigint,
  parent_id bigint,
  reuse text,
  description text,
  source text NOT NULL,
  -- What an importer knows the item by (a feed's guid, a Markdown file's canonical URL), so importing again updates it.
  source_key text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, parent_id) REFERENCES content_items (workspace_id, id)
);

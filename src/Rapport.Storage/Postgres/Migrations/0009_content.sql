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

-- Tracked links: /l/{slug} redirects to the destination with utm parameters and a click id added. Slugs are unique
-- across workspaces (the redirect names no workspace); clicks are link.click activities.
CREATE TABLE tracked_links (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  slug text NOT NULL,
  destination text NOT NULL,
  content_id bigint,
  channel text,
  campaign text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, slug),
  FOREIGN KEY (workspace_id, content_id) REFERENCES content_items (workspace_id, id)
);

-- The redirect finds a link by its slug alone. Not unique here (a distributed table's unique index must hold the
-- workspace id); slugs are random and checked for use before they are given out.
CREATE INDEX tracked_links_slug ON tracked_links (slug);

-- Per-video numbers from YouTube Studio exports, one row per video and traffic source ('' when the export has
-- none). Aggregates, not developers' activities; the latest export of a video replaces the earlier one.
CREATE TABLE video_reach (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  video_id text NOT NULL,
  traffic_source text NOT NULL,
  title text,
  views bigint NOT NULL,
  watch_seconds bigint NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, video_id, traffic_source)
);

-- Page views per URL and day from web server access logs, already classified. One row per log file (log_key: a hash
-- of its first line), URL and day, so importing a file again replaces its rows and rotated files add up.
CREATE TABLE page_reach (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  log_key text NOT NULL,
  url text NOT NULL,
  day timestamptz NOT NULL,
  views bigint NOT NULL,
  human_views bigint NOT NULL,
  organic_views bigint NOT NULL,
  engaged_views bigint NOT NULL,
  validated_views bigint NOT NULL,
  paid_engaged_views bigint NOT NULL,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, log_key, url, day)
);

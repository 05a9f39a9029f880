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

-- Tracked links: /l/{slug} redirects to the destination with utm parameters and a click id added. Slugs are unique
-- across workspaces (the redirect names no workspace); clicks are link.click activities.
CREATE TABLE tracked_links (
  workspace_id INTEGER NOT NULL,
  slug VARCHAR NOT NULL,
  destination VARCHAR NOT NULL,
  content_id BIGINT,
  channel VARCHAR,
  campaign VARCHAR,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, slug)
);

-- Per-video numbers from YouTube Studio exports, one row per video and traffic source ('' when the export has
-- none). Aggregates, not developers' activities; the latest export of a video replaces the earlier one.
CREATE TABLE video_reach (
  workspace_id INTEGER NOT NULL,
  video_id VARCHAR NOT NULL,
  traffic_source VARCHAR NOT NULL,
  title VARCHAR,
  views BIGINT NOT NULL,
  watch_seconds BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, video_id, traffic_source)
);

-- Page views per URL and day from web server access logs, already classified. One row per log file (log_key: a hash
-- of its first line), URL and day, so importing a file again replaces its rows and rotated files add up.
CREATE TABLE page_reach (
  workspace_id INTEGER NOT NULL,
  log_key VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  day TIMESTAMP NOT NULL,
  views BIGINT NOT NULL,
  human_views BIGINT NOT NULL,
  organic_views BIGINT NOT NULL,
  engaged_views BIGINT NOT NULL,
  validated_views BIGINT NOT NULL,
  paid_engaged_views BIGINT NOT NULL,
  imported_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, log_key, url, day)
);

-- Retention (docs/security.md#retention): the first-party script's page views older than the retention period, rolled
-- up per page and day and classified, before the raw views are deleted. Reach reports add these to the views left.
CREATE TABLE page_view_totals (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  url text NOT NULL,
  day timestamptz NOT NULL,
  views bigint NOT NULL,
  human_views bigint NOT NULL,
  organic_views bigint NOT NULL,
  engaged_views bigint NOT NULL,
  validated_views bigint NOT NULL,
  paid_engaged_views bigint NOT NULL,
  pruned_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, url, day)
);

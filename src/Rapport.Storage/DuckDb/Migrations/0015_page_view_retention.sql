-- Retention (docs/security.md#retention): the first-party script's page views older than the retention period, rolled
-- up per page and day and classified, before the raw views are deleted. Reach reports add these to the views left.
-- Small (pages x days), so it keeps a key for the add-up on conflict.
CREATE TABLE page_view_totals (
  workspace_id INTEGER NOT NULL,
  url VARCHAR NOT NULL,
  day TIMESTAMP NOT NULL,
  views BIGINT NOT NULL,
  human_views BIGINT NOT NULL,
  organic_views BIGINT NOT NULL,
  engaged_views BIGINT NOT NULL,
  validated_views BIGINT NOT NULL,
  paid_engaged_views BIGINT NOT NULL,
  pruned_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, url, day)
);

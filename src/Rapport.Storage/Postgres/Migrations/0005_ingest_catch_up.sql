-- Several processes share one database. Each keeps the workspace's identity graph in memory and, when another
-- process has committed since, catches up on what changed instead of reading every identity again: each identity
-- and merge records the ingest version that last wrote it.
-- A change by hand (merging or splitting developers) records its version as reload_version instead: a process whose
-- graph is older reads it whole again.
ALTER TABLE identities ADD COLUMN ingest_version bigint NOT NULL DEFAULT 0;
ALTER TABLE ingest_versions ADD COLUMN reload_version bigint NOT NULL DEFAULT 0;
ALTER TABLE member_merges ADD COLUMN ingest_version bigint NOT NULL DEFAULT 0;
CREATE INDEX identities_ingest_version ON identities (workspace_id, ingest_version);
CREATE INDEX member_merges_ingest_version ON member_merges (workspace_id, ingest_version);

-- API keys: write keys for the Segment HTTP Tracking API and, later, keys to read and administer a workspace.
-- Only a SHA-256 hash of each key is kept; the prefix is public (it names the key in lists and finds it on use).
CREATE TABLE api_keys (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  prefix VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  scope VARCHAR NOT NULL,
  name VARCHAR,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP,
  PRIMARY KEY (workspace_id, id)
);

-- A request names no workspace, only its key: the prefix finds the key's workspace.
CREATE INDEX api_keys_prefix ON api_keys (prefix);

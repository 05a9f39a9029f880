-- API keys: write keys for the Segment HTTP Tracking API and, later, keys to read and administer a workspace.
-- Only a SHA-256 hash of each key is kept; the prefix is public (it names the key in lists and finds it on use).
CREATE TABLE api_keys (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  prefix text NOT NULL,
  sha256 text NOT NULL,
  scope text NOT NULL,
  name text,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  PRIMARY KEY (workspace_id, id)
);

-- A request names no workspace, only its key: the prefix finds the key's workspace. Not unique: a unique index on
-- a distributed table must contain the distribution column, and the hash, not the prefix, decides which key it is.
CREATE INDEX api_keys_prefix ON api_keys (prefix);

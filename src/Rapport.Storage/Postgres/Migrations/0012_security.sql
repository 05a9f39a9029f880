-- Privacy: the key each workspace hashes erased identities with, so a suppression entry names no one by itself.
CREATE TABLE privacy_salts (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  salt text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id)
);

-- One row per identity of an erased developer, as HMAC-SHA256(salt, "kind:value") in hex: late events that carry it
-- are dropped at ingest instead of creating the person again.
CREATE TABLE erased_identities (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  identity_hash text NOT NULL,
  erased_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, identity_hash)
);

-- Who did what, when: every administrative action (users, keys, webhooks, settings, merges, erasures, heroes).
CREATE TABLE audit_log (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  detail text,
  PRIMARY KEY (workspace_id, id)
);

-- Privacy: the key each workspace hashes erased identities with, so a suppression entry names no one by itself.
CREATE TABLE privacy_salts (
  workspace_id INTEGER NOT NULL,
  salt VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id)
);

-- One row per identity of an erased developer, as HMAC-SHA256(salt, "kind:value") in hex: late events that carry it
-- are dropped at ingest instead of creating the person again.
CREATE TABLE erased_identities (
  workspace_id INTEGER NOT NULL,
  identity_hash VARCHAR NOT NULL,
  erased_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, identity_hash)
);

-- Who did what, when: every administrative action (users, keys, webhooks, settings, merges, erasures, heroes).
CREATE TABLE audit_log (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  target VARCHAR,
  detail VARCHAR,
  PRIMARY KEY (workspace_id, id)
);

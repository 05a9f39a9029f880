-- Every table carries the workspace id, and every key starts with it, so that the same shape works on a
-- PostgreSQL server distributed by workspace.
--
-- The large tables (members, identities, activities, traits) have no PRIMARY KEY or UNIQUE constraint here: DuckDB
-- keeps such indexes in memory and maintains them row by row, which would cost an import most of its time and memory.
-- A DuckDB file has one writer, whose identity graph already keeps identities unique; the PostgreSQL schema, with
-- several writers, declares the keys.

CREATE SEQUENCE workspace_ids START 1;

CREATE TABLE workspaces (
  id INTEGER PRIMARY KEY DEFAULT nextval('workspace_ids'),
  slug VARCHAR NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL
);

-- A developer. Everything but the id is derived from activities; the stage is the highest *_at that is set.
CREATE TABLE members (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  first_activity_at TIMESTAMP,
  last_activity_at TIMESTAMP,
  activity_count BIGINT NOT NULL,
  discover_at TIMESTAMP,
  evaluate_at TIMESTAMP,
  learn_at TIMESTAMP,
  build_at TIMESTAMP,
  scale_at TIMESTAMP
);

CREATE TABLE identities (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  first_seen_at TIMESTAMP NOT NULL
);

-- Append-only. An activity belongs to the identity that did it; its member is found through the identity, so
-- merging or splitting members never rewrites activities.
CREATE TABLE activities (
  workspace_id INTEGER NOT NULL,
  message_key UUID NOT NULL,
  message_id VARCHAR NOT NULL,
  identity_id BIGINT NOT NULL,
  type VARCHAR NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  received_at TIMESTAMP NOT NULL,
  source VARCHAR NOT NULL,
  channel VARCHAR,
  url VARCHAR,
  referrer VARCHAR,
  title VARCHAR,
  user_agent VARCHAR,
  ip VARCHAR,
  campaign JSON,
  properties JSON
);

-- identify, alias and group messages: they link identities and set traits but are not activities.
CREATE TABLE profile_updates (
  workspace_id INTEGER NOT NULL,
  message_key UUID NOT NULL,
  message_id VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  identity_id BIGINT NOT NULL,
  occurred_at TIMESTAMP NOT NULL,
  received_at TIMESTAMP NOT NULL,
  group_id VARCHAR,
  traits JSON
);

-- Traits belong to identities, so they follow an identity through merges and splits. The latest update wins.
CREATE TABLE traits (
  workspace_id INTEGER NOT NULL,
  identity_id BIGINT NOT NULL,
  key VARCHAR NOT NULL,
  value JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE merge_suggestions (
  workspace_id INTEGER NOT NULL,
  identity_id BIGINT NOT NULL,
  other_identity_id BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  suggested_at TIMESTAMP NOT NULL,
  status VARCHAR NOT NULL DEFAULT 'open',
  PRIMARY KEY (workspace_id, identity_id, other_identity_id)
);

CREATE TABLE member_merges (
  workspace_id INTEGER NOT NULL,
  winner_id BIGINT NOT NULL,
  loser_id BIGINT NOT NULL,
  merged_at TIMESTAMP NOT NULL,
  reason VARCHAR NOT NULL
);

CREATE TABLE journey_maps (
  workspace_id INTEGER PRIMARY KEY,
  definition JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

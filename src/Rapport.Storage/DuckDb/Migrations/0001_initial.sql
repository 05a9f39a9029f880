-- Every table carries the workspace id, and every key starts with it, so that the same shape works on a
-- PostgreSQL server distributed by workspace.

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
  scale_at TIMESTAMP,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE identities (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR NOT NULL,
  first_seen_at TIMESTAMP NOT NULL,
  UNIQUE (workspace_id, kind, value)
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
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, identity_id, key)
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

-- Community levels, stalled developers and the outreach queue (docs/community.md): the DuckDB schema's tables, with
-- keys and foreign keys.

CREATE TABLE community_configs (
  workspace_id integer PRIMARY KEY REFERENCES workspaces (id),
  definition json NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE community_refreshes (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  as_of timestamptz NOT NULL,
  refreshed_at timestamptz NOT NULL,
  members bigint NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- Derived by each refresh and replaced whole; history holds one character per month end ('0' none, '1' passive,
-- '2' active, '3' hero), oldest first. No foreign key to members: a member merged away after a refresh keeps its row
-- until the next refresh, as on DuckDB, so that a copy between backends carries the same rows.
CREATE TABLE member_levels (
  workspace_id integer NOT NULL,
  member_id bigint NOT NULL,
  refresh_id bigint NOT NULL,
  score double precision NOT NULL,
  score_level integer NOT NULL,
  level integer NOT NULL,
  previous_level integer,
  history text NOT NULL,
  last_activity_at timestamptz,
  recent_advocacy bigint NOT NULL,
  stage integer,
  stalled_since timestamptz,
  newly_stalled boolean NOT NULL,
  candidate_since timestamptz,
  PRIMARY KEY (workspace_id, refresh_id, member_id)
);

CREATE INDEX member_levels_member ON member_levels (workspace_id, member_id);

CREATE TABLE hero_nominations (
  workspace_id integer NOT NULL,
  id uuid NOT NULL,
  identity_id bigint NOT NULL,
  hero boolean NOT NULL,
  nominated_by text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, identity_id) REFERENCES identities (workspace_id, id)
);

CREATE TABLE recognitions (
  workspace_id integer NOT NULL,
  id uuid NOT NULL,
  identity_id bigint NOT NULL,
  kind text NOT NULL,
  note text,
  given_on date NOT NULL,
  given_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, identity_id) REFERENCES identities (workspace_id, id)
);

CREATE TABLE outreach_tasks (
  workspace_id integer NOT NULL,
  id bigint NOT NULL,
  identity_id bigint NOT NULL,
  reason text NOT NULL,
  episode_at timestamptz NOT NULL,
  stage integer,
  last_activity_at timestamptz,
  status text NOT NULL,
  snoozed_until timestamptz,
  assignee text,
  refresh_id bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, identity_id, reason, episode_at),
  FOREIGN KEY (workspace_id, identity_id) REFERENCES identities (workspace_id, id)
);

CREATE TABLE outreach_notes (
  workspace_id integer NOT NULL,
  id uuid NOT NULL,
  task_id bigint NOT NULL,
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, task_id) REFERENCES outreach_tasks (workspace_id, id)
);

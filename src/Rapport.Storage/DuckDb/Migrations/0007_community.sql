-- Community levels, stalled developers and the outreach queue (docs/community.md).

CREATE TABLE community_configs (
  workspace_id INTEGER PRIMARY KEY,
  definition JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

-- One row per refresh, the last one being what member_levels holds.
CREATE TABLE community_refreshes (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  as_of TIMESTAMP NOT NULL,
  refreshed_at TIMESTAMP NOT NULL,
  members BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- Derived by each refresh, replaced whole (rows of earlier refreshes are deleted in the same transaction), so pages
-- and reports read levels without scanning activities. No key on DuckDB: it is as large as members.
-- history: one character per month end of the last 12 months and the month before ('0' not yet a member, '1'
-- passive, '2' active, '3' hero), oldest first, so monthly counts and moves are string positions.
CREATE TABLE member_levels (
  workspace_id INTEGER NOT NULL,
  member_id BIGINT NOT NULL,
  refresh_id BIGINT NOT NULL,
  score DOUBLE NOT NULL,
  score_level INTEGER NOT NULL,
  level INTEGER NOT NULL,
  previous_level INTEGER,
  history VARCHAR NOT NULL,
  last_activity_at TIMESTAMP,
  recent_advocacy BIGINT NOT NULL,
  stage INTEGER,
  stalled_since TIMESTAMP,
  newly_stalled BOOLEAN NOT NULL,
  candidate_since TIMESTAMP
);

-- Hand nominations and removals of heroes; the latest per member counts. Like notes, they hang on an identity of
-- the member (their first) so that they follow it through merges.
CREATE TABLE hero_nominations (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  identity_id BIGINT NOT NULL,
  hero BOOLEAN NOT NULL,
  nominated_by VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE recognitions (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  identity_id BIGINT NOT NULL,
  kind VARCHAR NOT NULL,
  note VARCHAR,
  given_on DATE NOT NULL,
  given_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- One task per member, reason and episode (episode_at: the last activity before going quiet, the question's time,
-- or the start of a candidacy), which keeps generation idempotent.
CREATE TABLE outreach_tasks (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  identity_id BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  episode_at TIMESTAMP NOT NULL,
  stage INTEGER,
  last_activity_at TIMESTAMP,
  status VARCHAR NOT NULL,
  snoozed_until TIMESTAMP,
  assignee VARCHAR,
  refresh_id BIGINT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

CREATE TABLE outreach_notes (
  workspace_id INTEGER NOT NULL,
  id UUID NOT NULL,
  task_id BIGINT NOT NULL,
  author VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- Events and their return (docs/events.md), and ideal customer profiles (docs/icps.md).

-- An event a DevRel team ran or took part in. Small (hundreds a year), so it keeps its key on DuckDB too. Costs are
-- a JSON list of {category, amount, currency} (amounts in their own currency, never converted); talks a JSON list of
-- content item ids. Attendees are not here: an attendee list becomes event.registered and event.attended activities
-- whose message ids start with 'event:ID:'.
CREATE TABLE events (
  workspace_id INTEGER NOT NULL,
  id BIGINT NOT NULL,
  name VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  starts_on DATE NOT NULL,
  ends_on DATE NOT NULL,
  location VARCHAR,
  url VARCHAR,
  audience_tags JSON NOT NULL,
  reported_audience BIGINT,
  costs JSON NOT NULL,
  -- Effort is kept in whole minutes, shown in hours, as for content.
  effort_minutes BIGINT,
  talks JSON NOT NULL,
  description VARCHAR,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- The workspace's ICPs, one JSON file's worth, and when membership was last derived from them.
CREATE TABLE icp_definitions (
  workspace_id INTEGER PRIMARY KEY,
  definition JSON NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  derived_as_of TIMESTAMP,
  members_evaluated BIGINT
);

-- Who is in which ICP, derived (replaced whole by each refresh), so reports filter by ICP with one join instead of
-- evaluating rules. No key on DuckDB: it can be as large as members.
CREATE TABLE icp_members (
  workspace_id INTEGER NOT NULL,
  icp VARCHAR NOT NULL,
  member_id BIGINT NOT NULL
);

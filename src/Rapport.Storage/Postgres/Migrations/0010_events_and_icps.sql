-- Events and their return (docs/events.md), and ideal customer profiles (docs/icps.md).

-- An event a DevRel team ran or took part in. Costs are a JSON list of {category, amount, currency} (amounts in their
-- own currency, never converted); talks a JSON list of content item ids. Attendees are not here: an attendee list
-- becomes event.registered and event.attended activities whose message ids start with 'event:ID:'.
CREATE TABLE events (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  id bigint NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  format text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  location text,
  url text,
  audience_tags json NOT NULL,
  reported_audience bigint,
  costs json NOT NULL,
  -- Effort is kept in whole minutes, shown in hours, as for content.
  effort_minutes bigint,
  talks json NOT NULL,
  description text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, id)
);

-- An event's records are found by type without reading every activity.
CREATE INDEX activities_event_records ON activities (workspace_id, type) WHERE type IN ('event.registered', 'event.attended');

-- The workspace's ICPs, one JSON file's worth, and when membership was last derived from them.
CREATE TABLE icp_definitions (
  workspace_id integer PRIMARY KEY REFERENCES workspaces (id),
  definition json NOT NULL,
  updated_at timestamptz NOT NULL,
  derived_as_of timestamptz,
  members_evaluated bigint
);

-- Who is in which ICP, derived (replaced whole by each refresh), so reports filter by ICP with one join.
CREATE TABLE icp_members (
  workspace_id integer NOT NULL REFERENCES workspaces (id),
  icp text NOT NULL,
  member_id bigint NOT NULL,
  PRIMARY KEY (workspace_id, icp, member_id)
);

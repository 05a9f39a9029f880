-- A developer's first-touch channel, kept on the member (docs/journey.md): the funnel filtered by it and the list of
-- channels read one column instead of joining activities x identities x members. first_touch_at is the first
-- activity the channel was read at; an ingest commit reads it again for the members whose first activity moved.
ALTER TABLE members ADD COLUMN first_touch_channel VARCHAR;
ALTER TABLE members ADD COLUMN first_touch_at TIMESTAMP;

UPDATE members SET first_touch_at = f.first_activity_at, first_touch_channel = f.channel
FROM (
  SELECT m.workspace_id, m.id, m.first_activity_at, min(lower(a.channel)) AS channel
  FROM members m
  LEFT JOIN identities i ON i.workspace_id = m.workspace_id AND i.member_id = m.id
  LEFT JOIN activities a ON a.workspace_id = i.workspace_id AND a.identity_id = i.id
    AND a.occurred_at = m.first_activity_at AND a.channel <> ''
  WHERE m.first_activity_at IS NOT NULL
  GROUP BY m.workspace_id, m.id, m.first_activity_at
) f
WHERE members.workspace_id = f.workspace_id AND members.id = f.id;

-- Merging developers by hand (docs/members.md).
--
-- merge_suggestions gains an id (per workspace, what people name a suggestion by), the rule that made it, how sure
-- the rule is, and who decided it when. A suggestion is 'open', 'merged' or 'dismissed'; a dismissed one also keeps
-- its two developers apart from automatic merging, and unmerging an identity or undoing a merge records one.
ALTER TABLE merge_suggestions ADD COLUMN id BIGINT;
ALTER TABLE merge_suggestions ADD COLUMN rule VARCHAR;
ALTER TABLE merge_suggestions ADD COLUMN confidence DOUBLE;
ALTER TABLE merge_suggestions ADD COLUMN decided_at TIMESTAMP;
ALTER TABLE merge_suggestions ADD COLUMN decided_by VARCHAR;

-- Until now only the user-id guard suggested, with the shared identity in its reason. A shared device id no longer
-- suggests anything (a laptop at a workshop says nothing about who used it).
DELETE FROM merge_suggestions WHERE status = 'open' AND reason LIKE '%(anonymous:%';
UPDATE merge_suggestions SET
  rule = CASE WHEN reason LIKE '%(email:%' THEN 'same-email' WHEN reason LIKE '%(user:%' THEN 'linked-user-ids' ELSE 'same-handle' END,
  confidence = CASE WHEN reason LIKE '%(email:%' THEN 0.95 WHEN reason LIKE '%(user:%' THEN 0.9 ELSE 0.85 END;
UPDATE merge_suggestions SET id = n.id
FROM (
  SELECT workspace_id, identity_id, other_identity_id,
         row_number() OVER (PARTITION BY workspace_id ORDER BY suggested_at, identity_id, other_identity_id) AS id
  FROM merge_suggestions
) n
WHERE merge_suggestions.workspace_id = n.workspace_id AND merge_suggestions.identity_id = n.identity_id
  AND merge_suggestions.other_identity_id = n.other_identity_id;

-- member_merges gains an id, and for merges made by hand who made them, the absorbed developer's identities (so the
-- merge can be undone exactly) and who undid it when. Automatic merges have no merged_by.
ALTER TABLE member_merges ADD COLUMN id BIGINT;
ALTER TABLE member_merges ADD COLUMN merged_by VARCHAR;
ALTER TABLE member_merges ADD COLUMN identity_ids VARCHAR;
ALTER TABLE member_merges ADD COLUMN undone_at TIMESTAMP;
ALTER TABLE member_merges ADD COLUMN undone_by VARCHAR;
UPDATE member_merges SET id = n.id
FROM (
  SELECT workspace_id, loser_id, row_number() OVER (PARTITION BY workspace_id ORDER BY merged_at, loser_id) AS id
  FROM member_merges
) n
WHERE member_merges.workspace_id = n.workspace_id AND member_merges.loser_id = n.loser_id;

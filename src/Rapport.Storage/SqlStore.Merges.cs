using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Merge suggestions, merges, unmerges and undoing merges, written once for both backends. Changes run through
/// <see cref="ChangeUnderIngestLockAsync{T}"/>; the SQL here never leaves the workspace's ingest lock half done.
/// </summary>
public abstract partial class SqlStore
{
    private const string SuggestionSelect =
        """
        SELECT s.id, s.rule, s.confidence, s.reason, s.status, s.suggested_at, s.decided_at, s.decided_by,
               a.member_id, a.kind, a.value, b.member_id, b.kind, b.value
        FROM merge_suggestions s
        JOIN identities a ON a.workspace_id = s.workspace_id AND a.id = s.identity_id
        JOIN identities b ON b.workspace_id = s.workspace_id AND b.id = s.other_identity_id
        """;

    private const string MergeColumns = "id, winner_id, loser_id, merged_at, reason, merged_by, identity_ids, undone_at, undone_by";

    /// <summary>The name traits and email traits the merge rules read.</summary>
    private static readonly string[] FactTraits = ["name", "firstName", "lastName", "first_name", "last_name", "email"];

    public Task<IReadOnlyList<DeveloperMergeSuggestion>> ListMergeSuggestionsAsync(
        Workspace workspace, string status, int limit, CancellationToken cancellationToken) =>
        ReadMergeSuggestionsAsync(workspace, status, "", [], Math.Clamp(limit, 1, 10_000), cancellationToken);

    public async Task<KeysetPage<DeveloperMergeSuggestion>> ListMergeSuggestionsAsync(
        Workspace workspace, string status, KeysetRequest page, CancellationToken cancellationToken)
    {
        var (after, parameters) = page.After is { } key && KeyParts(key, 2) is var parts
            ? ("AND " + AfterKey("s.confidence", true, "s.id", false, 3), new object?[] { KeyDouble(parts[0]), KeyLong(parts[1]) })
            : ("", []);
        var rows = await ReadMergeSuggestionsAsync(workspace, status, after, parameters, FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(rows, page, suggestion => Key(suggestion.Confidence, suggestion.Id));
    }

    private async Task<IReadOnlyList<DeveloperMergeSuggestion>> ReadMergeSuggestionsAsync(
        Workspace workspace, string status, string after, object?[] afterParameters, int limit, CancellationToken cancellationToken)
    {
        // An open suggestion whose developers a message has since merged has nothing left to decide.
        var rows = await QueryAsync(
            $"""
            {SuggestionSelect}
            WHERE s.workspace_id = $1 AND s.status = $2 AND (s.status <> 'open' OR a.member_id <> b.member_id) {after}
            ORDER BY s.confidence DESC, s.id
            LIMIT {limit}
            """,
            [workspace.Id, status, .. afterParameters], ReadSuggestionRows, cancellationToken).ConfigureAwait(false);
        return await DescribeSuggestionsAsync(workspace, rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeveloperMergeSuggestion?> GetMergeSuggestionAsync(Workspace workspace, long id, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"{SuggestionSelect} WHERE s.workspace_id = $1 AND s.id = $2", [workspace.Id, id],
            ReadSuggestionRows, cancellationToken).ConfigureAwait(false);
        return (await DescribeSuggestionsAsync(workspace, rows, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<int> RefreshMergeSuggestionsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        // The rules read every identified developer: done before taking the lock, so ingest waits only for the writes.
        var developers = await ReadDeveloperFactsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var found = MergeSuggestionFinder.Find(developers, Now());
        if (found.Count == 0)
        {
            return 0;
        }

        var memberOf = new Dictionary<long, long>();
        foreach (var developer in developers)
        {
            foreach (var identity in developer.Identities)
            {
                memberOf[identity.Id] = developer.MemberId;
            }
        }

        return await ChangeUnderIngestLockAsync(workspace, identitiesChanged: false, async (writer, _) =>
        {
            // A pair of developers that any suggestion names, open or decided, is not suggested again.
            var named = await writer.QueryAsync(
                """
                SELECT a.member_id, b.member_id FROM merge_suggestions s
                JOIN identities a ON a.workspace_id = s.workspace_id AND a.id = s.identity_id
                JOIN identities b ON b.workspace_id = s.workspace_id AND b.id = s.other_identity_id
                WHERE s.workspace_id = $1
                """,
                [workspace.Id],
                reader =>
                {
                    var pairs = new HashSet<(long, long)>();
                    while (reader.Read())
                    {
                        pairs.Add(Pair(reader.GetInt64(0), reader.GetInt64(1)));
                    }

                    return pairs;
                }, cancellationToken).ConfigureAwait(false);
            var fresh = found.Where(s => named.Add(Pair(memberOf[s.IdentityId], memberOf[s.OtherIdentityId]))).ToList();
            var next = await NextIdAsync(writer, "merge_suggestions", workspace, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in fresh.Chunk(500))
            {
                var parameters = new List<object?> { workspace.Id };
                var rows = new List<string>();
                foreach (var suggestion in chunk)
                {
                    var first = parameters.Count + 1;
                    parameters.AddRange([next++, suggestion.IdentityId, suggestion.OtherIdentityId, suggestion.Rule, suggestion.Confidence,
                        suggestion.Reason, suggestion.SuggestedAt]);
                    rows.Add($"($1, {Placeholders(first, 7)})");
                }

                await writer.ExecuteAsync(
                    $"""
                    INSERT INTO merge_suggestions (workspace_id, id, identity_id, other_identity_id, rule, confidence, reason, suggested_at)
                    VALUES {string.Join(", ", rows)}
                    """,
                    [.. parameters], cancellationToken).ConfigureAwait(false);
            }

            return fresh.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeveloperMergeSuggestion> DismissMergeSuggestionAsync(Workspace workspace, long id, string by, CancellationToken cancellationToken)
    {
        // Dismissing keeps the two apart from automatic merging: the identity graph learns it.
        await ChangeUnderIngestLockAsync(workspace, identitiesChanged: true, async (writer, _) =>
        {
            await OpenSuggestionAsync(writer, workspace, id, cancellationToken).ConfigureAwait(false);
            await writer.ExecuteAsync(
                "UPDATE merge_suggestions SET status = 'dismissed', decided_at = $3, decided_by = $4 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, id, Now(), by], cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (await GetMergeSuggestionAsync(workspace, id, cancellationToken).ConfigureAwait(false))!;
    }

    public Task<MemberMerge> AcceptMergeSuggestionAsync(Workspace workspace, long id, string by, CancellationToken cancellationToken) =>
        ChangeUnderIngestLockAsync(workspace, identitiesChanged: true, async (writer, journey) =>
        {
            var (identity, other, reason) = await OpenSuggestionAsync(writer, workspace, id, cancellationToken).ConfigureAwait(false);
            return await MergeAsync(writer, journey, workspace, identity, other, by, $"suggestion {id}: {reason}", cancellationToken)
                .ConfigureAwait(false);
        }, cancellationToken);

    public Task<MemberMerge> MergeMembersAsync(
        Workspace workspace, Identity identity, Identity other, string by, string? reason, CancellationToken cancellationToken) =>
        ChangeUnderIngestLockAsync(workspace, identitiesChanged: true,
            (writer, journey) => MergeAsync(writer, journey, workspace, identity, other, by, reason, cancellationToken), cancellationToken);

    public Task<IdentitySplit> UnmergeIdentityAsync(Workspace workspace, Identity identity, string by, string? reason, CancellationToken cancellationToken) =>
        ChangeUnderIngestLockAsync(workspace, identitiesChanged: true, async (writer, journey) =>
        {
            var (identityId, memberId) = await FindIdentityAsync(writer, workspace, identity, cancellationToken).ConfigureAwait(false);
            var identities = await IdentitiesOfAsync(writer, workspace, memberId, cancellationToken).ConfigureAwait(false);
            if (identities.Count == 1)
            {
                throw new MergeRefusedException($"{identity} is the only identity of developer #{memberId}; there is nothing to split");
            }

            var now = Now();
            var newMember = await NextMemberIdAsync(writer, workspace, cancellationToken).ConfigureAwait(false);
            await writer.ExecuteAsync("INSERT INTO members (workspace_id, id, created_at, activity_count) VALUES ($1, $2, $3, 0)",
                [workspace.Id, newMember, now], cancellationToken).ConfigureAwait(false);
            await writer.ExecuteAsync("UPDATE identities SET member_id = $3 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, identityId, newMember], cancellationToken).ConfigureAwait(false);
            await RederiveAsync(writer, journey, workspace, [memberId, newMember], cancellationToken).ConfigureAwait(false);
            var remaining = identities.Where(i => i.Id != identityId).Min(i => i.Id);
            await KeepApartAsync(writer, workspace, identityId, remaining, MergeRules.Unmerged,
                $"{identity} split out of developer #{memberId}{Because(reason)}", by, now, cancellationToken).ConfigureAwait(false);
            return new IdentitySplit(identity.ToString(), memberId, newMember);
        }, cancellationToken);

    public Task<MemberMerge> UndoMergeAsync(Workspace workspace, long mergeId, string by, CancellationToken cancellationToken) =>
        ChangeUnderIngestLockAsync(workspace, identitiesChanged: true, async (writer, journey) =>
        {
            var merges = await writer.QueryAsync(
                $"SELECT {MergeColumns} FROM member_merges WHERE workspace_id = $1 AND id = $2", [workspace.Id, mergeId], ReadMergeRows,
                cancellationToken).ConfigureAwait(false);
            var merge = merges.Count == 1 ? merges[0] : throw new MergeRecordNotFoundException($"there is no merge {mergeId}");
            if (merge.MergedBy is null)
            {
                throw new MergeRefusedException(
                    $"merge {mergeId} was made automatically, when one message named both developers' identities; unmerge an identity instead");
            }

            if (merge.UndoneAt is not null)
            {
                throw new MergeRefusedException($"merge {mergeId} was already undone by {merge.UndoneBy} on {merge.UndoneAt:yyyy-MM-dd HH:mm}");
            }

            // The absorbed identities go back, unless a person has split them out since: only those still sharing a
            // developer with identities the merge did not bring.
            var absorbed = merge.IdentityIds.ToHashSet();
            var moving = new List<(long Id, long MemberId)>();
            var current = await writer.QueryAsync(
                $"SELECT id, member_id FROM identities WHERE workspace_id = $1 AND id IN ({Placeholders(2, absorbed.Count)})",
                [workspace.Id, .. absorbed.Cast<object?>()], ReadPairs, cancellationToken).ConfigureAwait(false);
            var remainingAnchor = 0L;
            foreach (var memberId in current.Select(row => row.Second).Distinct())
            {
                var identities = await IdentitiesOfAsync(writer, workspace, memberId, cancellationToken).ConfigureAwait(false);
                var staying = identities.Where(identity => !absorbed.Contains(identity.Id)).ToList();
                if (staying.Count > 0)
                {
                    moving.AddRange(current.Where(row => row.Second == memberId));
                    remainingAnchor = remainingAnchor == 0 ? staying.Min(identity => identity.Id) : remainingAnchor;
                }
            }

            if (moving.Count == 0)
            {
                throw new MergeRefusedException($"the developers of merge {mergeId} are already apart");
            }

            var now = Now();
            var restored = merge.LoserId;
            var taken = await writer.QueryAsync("SELECT count(*) FROM members WHERE workspace_id = $1 AND id = $2", [workspace.Id, restored],
                reader => reader.Read() && reader.GetInt64(0) > 0, cancellationToken).ConfigureAwait(false);
            if (taken)
            {
                restored = await NextMemberIdAsync(writer, workspace, cancellationToken).ConfigureAwait(false);
            }

            await writer.ExecuteAsync("INSERT INTO members (workspace_id, id, created_at, activity_count) VALUES ($1, $2, $3, 0)",
                [workspace.Id, restored, now], cancellationToken).ConfigureAwait(false);
            await writer.ExecuteAsync(
                $"UPDATE identities SET member_id = $2 WHERE workspace_id = $1 AND id IN ({Placeholders(3, moving.Count)})",
                [workspace.Id, restored, .. moving.Select(row => (object?)row.Id)], cancellationToken).ConfigureAwait(false);
            await RederiveAsync(writer, journey, workspace, [.. moving.Select(row => row.MemberId).Distinct(), restored], cancellationToken)
                .ConfigureAwait(false);
            await writer.ExecuteAsync("UPDATE member_merges SET undone_at = $3, undone_by = $4 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, mergeId, now, by], cancellationToken).ConfigureAwait(false);
            await KeepApartAsync(writer, workspace, moving.Min(row => row.Id), remainingAnchor, MergeRules.MergeUndone,
                $"merge {mergeId} undone", by, now, cancellationToken).ConfigureAwait(false);
            var names = await IdentityNamesAsync(writer, workspace, merge.IdentityIds, cancellationToken).ConfigureAwait(false);
            return merge.ToMerge(names) with { LoserId = restored, UndoneAt = now, UndoneBy = by };
        }, cancellationToken);

    public Task<IReadOnlyList<MemberMerge>> ListMemberMergesAsync(Workspace workspace, long? memberId, int limit, CancellationToken cancellationToken) =>
        ReadMemberMergesAsync(workspace, memberId, null, Math.Clamp(limit, 1, 10_000), cancellationToken);

    public async Task<KeysetPage<MemberMerge>> ListMemberMergesAsync(
        Workspace workspace, long? memberId, KeysetRequest page, CancellationToken cancellationToken)
    {
        var before = page.After is { } key ? KeyLong(KeyParts(key, 1)[0]) : (long?)null;
        var rows = await ReadMemberMergesAsync(workspace, memberId, before, FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(rows, page, merge => Key(merge.Id));
    }

    private async Task<IReadOnlyList<MemberMerge>> ReadMemberMergesAsync(
        Workspace workspace, long? memberId, long? before, int limit, CancellationToken cancellationToken)
    {
        List<object?> parameters = [workspace.Id];
        var where = "";
        if (memberId is { } id)
        {
            parameters.Add(id);
            where += $" AND (winner_id = ${parameters.Count} OR loser_id = ${parameters.Count})";
        }

        if (before is { } last)
        {
            parameters.Add(last);
            where += $" AND id < ${parameters.Count}";
        }

        var rows = await QueryAsync(
            $"""
            SELECT {MergeColumns} FROM member_merges
            WHERE workspace_id = $1{where}
            ORDER BY id DESC
            LIMIT {limit}
            """,
            [.. parameters], ReadMergeRows, cancellationToken).ConfigureAwait(false);
        var ids = rows.SelectMany(row => row.IdentityIds).Distinct().ToList();
        var names = new Dictionary<long, string>();
        foreach (var chunk in ids.Chunk(1000))
        {
            await QueryAsync(
                $"SELECT id, kind, value FROM identities WHERE workspace_id = $1 AND id IN ({Placeholders(2, chunk.Length)})",
                [workspace.Id, .. chunk.Cast<object?>()],
                reader =>
                {
                    while (reader.Read())
                    {
                        names[reader.GetInt64(0)] = $"{reader.GetString(1)}:{reader.GetString(2)}";
                    }

                    return names;
                }, cancellationToken).ConfigureAwait(false);
        }

        return [.. rows.Select(row => row.ToMerge(names))];
    }

    /// <summary>Every identified developer (one with an identity other than an anonymous id), as the merge rules see them.</summary>
    private async Task<IReadOnlyList<DeveloperFacts>> ReadDeveloperFactsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var identities = new Dictionary<long, List<StoredIdentity>>();
        await QueryAsync(
            "SELECT member_id, id, kind, value FROM identities WHERE workspace_id = $1 AND kind <> 'anonymous' ORDER BY member_id, id",
            [workspace.Id],
            reader =>
            {
                while (reader.Read())
                {
                    var memberId = reader.GetInt64(0);
                    if (!identities.TryGetValue(memberId, out var list))
                    {
                        identities[memberId] = list = [];
                    }

                    if (Identity.TryCreate(reader.GetString(2), reader.GetString(3), out var identity, out _))
                    {
                        list.Add(new StoredIdentity(reader.GetInt64(1), identity, memberId));
                    }
                }

                return identities;
            }, cancellationToken).ConfigureAwait(false);

        var traits = new Dictionary<long, (Dictionary<string, JsonElement> Names, List<string> Emails)>();
        await QueryAsync(
            $"""
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND t.key IN ({string.Join(", ", FactTraits.Select(key => $"'{key}'"))})
            ORDER BY t.updated_at
            """,
            [workspace.Id],
            reader =>
            {
                while (reader.Read())
                {
                    var memberId = reader.GetInt64(0);
                    if (!traits.TryGetValue(memberId, out var known))
                    {
                        traits[memberId] = known = ([], []);
                    }

                    using var value = JsonDocument.Parse(reader.GetString(2));
                    if (reader.GetString(1) == "email")
                    {
                        if (value.RootElement.ValueKind == JsonValueKind.String && value.RootElement.GetString() is { Length: > 0 } email)
                        {
                            known.Emails.Add(email);
                        }
                    }
                    else
                    {
                        known.Names[reader.GetString(1)] = value.RootElement.Clone();
                    }
                }

                return traits;
            }, cancellationToken).ConfigureAwait(false);

        return [.. identities.Select(pair =>
        {
            var (names, emails) = traits.GetValueOrDefault(pair.Key, ([], []));
            return new DeveloperFacts(pair.Key, pair.Value, MemberDisplayName.FromTraits(names), emails);
        })];
    }

    private async Task<MemberMerge> MergeAsync(
        IWriterTransaction writer, JourneyMap journey, Workspace workspace, Identity identity, Identity other, string by, string? reason,
        CancellationToken cancellationToken)
    {
        var (_, member) = await FindIdentityAsync(writer, workspace, identity, cancellationToken).ConfigureAwait(false);
        var (_, otherMember) = await FindIdentityAsync(writer, workspace, other, cancellationToken).ConfigureAwait(false);
        if (member == otherMember)
        {
            throw new MergeRefusedException($"{identity} and {other} are already one developer (#{member})");
        }

        // The older developer remains, as when a message merges two.
        var (winner, loser) = member < otherMember ? (member, otherMember) : (otherMember, member);
        var moved = await IdentitiesOfAsync(writer, workspace, loser, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var why = string.IsNullOrWhiteSpace(reason) ? "merged by hand" : reason.Trim();
        await writer.ExecuteAsync("UPDATE identities SET member_id = $2 WHERE workspace_id = $1 AND member_id = $3",
            [workspace.Id, winner, loser], cancellationToken).ConfigureAwait(false);
        await writer.ExecuteAsync("DELETE FROM members WHERE workspace_id = $1 AND id = $2", [workspace.Id, loser], cancellationToken)
            .ConfigureAwait(false);
        await RederiveAsync(writer, journey, workspace, [winner], cancellationToken).ConfigureAwait(false);
        var mergeId = await NextIdAsync(writer, "member_merges", workspace, cancellationToken).ConfigureAwait(false);
        var identityIds = string.Join(',', moved.Select(identity => identity.Id.ToString(CultureInfo.InvariantCulture)));
        await writer.ExecuteAsync(
            """
            INSERT INTO member_merges (workspace_id, id, winner_id, loser_id, merged_at, reason, merged_by, identity_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [workspace.Id, mergeId, winner, loser, now, why, by, identityIds], cancellationToken).ConfigureAwait(false);

        // Every suggestion, open or dismissed, between identities that are now one developer's is decided: merged.
        await writer.ExecuteAsync(
            """
            UPDATE merge_suggestions SET status = 'merged', decided_at = $3, decided_by = $4
            WHERE workspace_id = $1 AND status <> 'merged'
              AND identity_id IN (SELECT id FROM identities WHERE workspace_id = $1 AND member_id = $2)
              AND other_identity_id IN (SELECT id FROM identities WHERE workspace_id = $1 AND member_id = $2)
            """,
            [workspace.Id, winner, now, by], cancellationToken).ConfigureAwait(false);
        return new MemberMerge(mergeId, winner, loser, now, why, by, [.. moved.Select(identity => identity.Name)], null, null);
    }

    /// <summary>
    /// Re-derives the members' first and last activity, activity count and stage times from their activities with
    /// the journey map in force: one aggregate per member and activity type, combined by Core's <see cref="MemberProgress"/>.
    /// </summary>
    private static async Task RederiveAsync(
        IWriterTransaction writer, JourneyMap journey, Workspace workspace, IReadOnlyList<long> memberIds, CancellationToken cancellationToken)
    {
        var progress = memberIds.Distinct().ToDictionary(id => id, _ => default(MemberProgress));
        await writer.QueryAsync(
            $"""
            SELECT i.member_id, a.type, min(a.occurred_at), max(a.occurred_at), count(*)
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND i.member_id IN ({Placeholders(2, progress.Count)})
            GROUP BY i.member_id, a.type
            """,
            [workspace.Id, .. progress.Keys.Cast<object?>()],
            reader =>
            {
                while (reader.Read())
                {
                    CollectionsMarshal.GetValueRefOrNullRef(progress, reader.GetInt64(0)).Include(
                        ReadTime(reader, 2)!.Value, ReadTime(reader, 3)!.Value, reader.GetInt64(4), journey.StageOf(reader.GetString(1)));
                }

                return progress.Count;
            }, cancellationToken).ConfigureAwait(false);

        foreach (var (memberId, derived) in progress)
        {
            await writer.ExecuteAsync(
                """
                UPDATE members SET first_activity_at = $3, last_activity_at = $4, activity_count = $5,
                  discover_at = $6, evaluate_at = $7, learn_at = $8, build_at = $9, scale_at = $10
                WHERE workspace_id = $1 AND id = $2
                """,
                [
                    workspace.Id, memberId, derived.FirstActivity, derived.LastActivity, derived.ActivityCount,
                    .. JourneyStages.All.Select(stage => (object?)derived.ReachedAt(stage)),
                ],
                cancellationToken).ConfigureAwait(false);
        }

        // The survivor's first activity can be the other's, at the same instant as its own or not: read it again.
        await writer.ExecuteAsync(FirstTouchChannelsSql($"id IN ({Placeholders(2, progress.Count)})"),
            [workspace.Id, .. progress.Keys.Cast<object?>()], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a person's word that the developers of two identities are different people, as a dismissed suggestion:
    /// the identity graph keeps them apart from automatic merging.
    /// </summary>
    private static async Task KeepApartAsync(
        IWriterTransaction writer, Workspace workspace, long identityId, long otherIdentityId, string rule, string reason, string by, DateTime at,
        CancellationToken cancellationToken)
    {
        var id = await NextIdAsync(writer, "merge_suggestions", workspace, cancellationToken).ConfigureAwait(false);
        await writer.ExecuteAsync(
            """
            INSERT INTO merge_suggestions
              (workspace_id, id, identity_id, other_identity_id, rule, confidence, reason, suggested_at, status, decided_at, decided_by)
            VALUES ($1, $2, $3, $4, $5, 0, $6, $7, 'dismissed', $7, $8)
            ON CONFLICT (workspace_id, identity_id, other_identity_id) DO UPDATE SET
              rule = excluded.rule, confidence = excluded.confidence, reason = excluded.reason, status = excluded.status,
              decided_at = excluded.decided_at, decided_by = excluded.decided_by
            """,
            [workspace.Id, id, identityId, otherIdentityId, rule, reason, at, by], cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(Identity Identity, Identity Other, string Reason)> OpenSuggestionAsync(
        IWriterTransaction writer, Workspace workspace, long id, CancellationToken cancellationToken)
    {
        var rows = await writer.QueryAsync($"{SuggestionSelect} WHERE s.workspace_id = $1 AND s.id = $2", [workspace.Id, id],
            ReadSuggestionRows, cancellationToken).ConfigureAwait(false);
        var row = rows.Count == 1 ? rows[0] : throw new MergeRecordNotFoundException($"there is no merge suggestion {id}");
        if (row.Status != MergeSuggestionStatus.Open)
        {
            throw new MergeRefusedException($"merge suggestion {id} was already {row.Status} by {row.DecidedBy} on {row.DecidedAt:yyyy-MM-dd HH:mm}");
        }

        if (row.MemberId == row.OtherMemberId)
        {
            throw new MergeRefusedException($"the developers of merge suggestion {id} are already one developer (#{row.MemberId})");
        }

        return (Identity.Parse(row.Identity), Identity.Parse(row.OtherIdentity), row.Reason);
    }

    private static async Task<(long IdentityId, long MemberId)> FindIdentityAsync(
        IWriterTransaction writer, Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        await writer.QueryAsync(
            "SELECT id, member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
            [workspace.Id, identity.Kind, identity.Value],
            reader => reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : ((long, long)?)null,
            cancellationToken).ConfigureAwait(false)
        ?? throw new IdentityNotFoundException(identity);

    private static Task<List<(long Id, string Name)>> IdentitiesOfAsync(
        IWriterTransaction writer, Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        writer.QueryAsync(
            "SELECT id, kind, value FROM identities WHERE workspace_id = $1 AND member_id = $2 ORDER BY id", [workspace.Id, memberId],
            reader =>
            {
                var list = new List<(long, string)>();
                while (reader.Read())
                {
                    list.Add((reader.GetInt64(0), $"{reader.GetString(1)}:{reader.GetString(2)}"));
                }

                return list;
            }, cancellationToken);

    private static Task<Dictionary<long, string>> IdentityNamesAsync(
        IWriterTransaction writer, Workspace workspace, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        writer.QueryAsync(
            $"SELECT id, kind, value FROM identities WHERE workspace_id = $1 AND id IN ({Placeholders(2, ids.Count)})",
            [workspace.Id, .. ids.Cast<object?>()],
            reader =>
            {
                var names = new Dictionary<long, string>();
                while (reader.Read())
                {
                    names[reader.GetInt64(0)] = $"{reader.GetString(1)}:{reader.GetString(2)}";
                }

                return names;
            }, cancellationToken);

    private static Task<long> NextIdAsync(IWriterTransaction writer, string table, Workspace workspace, CancellationToken cancellationToken) =>
        writer.QueryAsync($"SELECT coalesce(max(id), 0) + 1 FROM {table} WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetInt64(0) : 1, cancellationToken);

    /// <summary>A new member id: after every member and every member id a merge retired (as ingest numbers them).</summary>
    private static Task<long> NextMemberIdAsync(IWriterTransaction writer, Workspace workspace, CancellationToken cancellationToken) =>
        writer.QueryAsync(
            """
            SELECT greatest(
              (SELECT coalesce(max(id), 0) FROM members WHERE workspace_id = $1),
              (SELECT coalesce(max(loser_id), 0) FROM member_merges WHERE workspace_id = $1)) + 1
            """,
            [workspace.Id], reader => reader.Read() ? reader.GetInt64(0) : 1, cancellationToken);

    private async Task<IReadOnlyList<DeveloperMergeSuggestion>> DescribeSuggestionsAsync(
        Workspace workspace, List<SuggestionRow> rows, CancellationToken cancellationToken)
    {
        var details = await ReadSummaryDetailsAsync(
            workspace, [.. rows.SelectMany(row => new[] { row.MemberId, row.OtherMemberId }).Distinct()], cancellationToken).ConfigureAwait(false);
        SuggestedDeveloper Developer(long memberId, string identity)
        {
            var (traits, identities) = details[memberId];
            return new SuggestedDeveloper(memberId, MemberDisplayName.FromTraits(traits), identity,
                [.. identities.Select(known => known.ToString()).Order(StringComparer.Ordinal)]);
        }

        return [.. rows.Select(row => new DeveloperMergeSuggestion(
            row.Id, Developer(row.MemberId, row.Identity), Developer(row.OtherMemberId, row.OtherIdentity), row.Rule, row.Confidence,
            row.Reason, row.Status, row.SuggestedAt, row.DecidedAt, row.DecidedBy))];
    }

    private static List<SuggestionRow> ReadSuggestionRows(DbDataReader reader)
    {
        var rows = new List<SuggestionRow>();
        while (reader.Read())
        {
            rows.Add(new SuggestionRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetDouble(2), reader.GetString(3), reader.GetString(4), ReadTime(reader, 5)!.Value,
                ReadTime(reader, 6), ReadText(reader, 7), reader.GetInt64(8), $"{reader.GetString(9)}:{reader.GetString(10)}", reader.GetInt64(11),
                $"{reader.GetString(12)}:{reader.GetString(13)}"));
        }

        return rows;
    }

    private static List<MergeRow> ReadMergeRows(DbDataReader reader)
    {
        var rows = new List<MergeRow>();
        while (reader.Read())
        {
            var ids = ReadText(reader, 6) is { Length: > 0 } text
                ? text.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray()
                : [];
            rows.Add(new MergeRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), ReadTime(reader, 3)!.Value, reader.GetString(4),
                ReadText(reader, 5), ids, ReadTime(reader, 7), ReadText(reader, 8)));
        }

        return rows;
    }

    private static List<(long First, long Second)> ReadPairs(DbDataReader reader)
    {
        var pairs = new List<(long, long)>();
        while (reader.Read())
        {
            pairs.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return pairs;
    }

    private static (long, long) Pair(long a, long b) => a < b ? (a, b) : (b, a);

    private static string Because(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}";

    private sealed record SuggestionRow(
        long Id, string Rule, double Confidence, string Reason, string Status, DateTime SuggestedAt, DateTime? DecidedAt, string? DecidedBy,
        long MemberId, string Identity, long OtherMemberId, string OtherIdentity);

    private sealed record MergeRow(
        long Id, long WinnerId, long LoserId, DateTime MergedAt, string Reason, string? MergedBy, long[] IdentityIds, DateTime? UndoneAt,
        string? UndoneBy)
    {
        public MemberMerge ToMerge(IReadOnlyDictionary<long, string> names) => new(
            Id, WinnerId, LoserId, MergedAt, Reason, MergedBy, [.. IdentityIds.Select(id => names.GetValueOrDefault(id, $"#{id}"))], UndoneAt, UndoneBy);
    }
}

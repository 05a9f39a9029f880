using System.Globalization;
using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    /// <summary>A member's current stage: the highest stage whose time is set.</summary>
    private const string StageExpression =
        "CASE WHEN m.scale_at IS NOT NULL THEN 4 WHEN m.build_at IS NOT NULL THEN 3 WHEN m.learn_at IS NOT NULL THEN 2 " +
        "WHEN m.evaluate_at IS NOT NULL THEN 1 WHEN m.discover_at IS NOT NULL THEN 0 END";

    /// <summary>Members without activities (only identified so far) sort after everyone who did something.</summary>
    private const string RecencyExpression = "COALESCE(m.last_activity_at, CAST('1970-01-01' AS TIMESTAMP))";

    private static readonly string[] SummaryTraits = ["name", "firstName", "lastName", "first_name", "last_name", "company", "email"];

    public async Task<MemberPage> ListMembersAsync(Workspace workspace, MemberQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, MemberQuery.MaxLimit);
        var parameters = new List<object?> { workspace.Id };
        var where = new List<string> { "m.workspace_id = $1" };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            parameters.Add("%" + EscapeLike(query.Search.Trim()) + "%");
            var p = "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            where.Add(
                $"""
                m.id IN (
                  SELECT i.member_id FROM identities i WHERE i.workspace_id = $1 AND i.value ILIKE {p} ESCAPE '\'
                  UNION
                  SELECT i.member_id FROM traits t JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
                  WHERE t.workspace_id = $1 AND t.key IN ('name', 'firstName', 'lastName', 'first_name', 'last_name', 'company')
                    AND CAST(t.value AS VARCHAR) ILIKE {p} ESCAPE '\')
                """);
        }

        if (query.Stage is { } stage)
        {
            parameters.Add((int)stage);
            where.Add($"{StageExpression} = ${parameters.Count}");
        }

        if (query.Level is { } level)
        {
            parameters.Add((int)level);
            where.Add($"m.id IN (SELECT l.member_id FROM member_levels l WHERE l.workspace_id = $1 AND l.level = ${parameters.Count})");
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            parameters.Add(NormaliseTag(query.Tag));
            where.Add(
                $"""
                m.id IN (SELECT i.member_id FROM member_tags g JOIN identities i ON i.workspace_id = g.workspace_id AND i.id = g.identity_id
                         WHERE g.workspace_id = $1 AND g.tag = ${parameters.Count})
                """);
        }

        if (!string.IsNullOrWhiteSpace(query.Organization))
        {
            // Traits hold JSON: a company trait is compared as its JSON text, lower-cased.
            parameters.Add(JsonSerializer.Serialize(Organizations.Key(query.Organization)));
            parameters.Add("%@" + EscapeLike(Organizations.Key(query.Organization)));
            var (company, domain) = ($"${parameters.Count - 1}", $"${parameters.Count}");
            where.Add(
                $"""
                m.id IN (
                  SELECT i.member_id FROM traits t JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
                  WHERE t.workspace_id = $1 AND t.key = 'company' AND lower(CAST(t.value AS VARCHAR)) = {company}
                  UNION
                  SELECT i.member_id FROM identities i
                  WHERE i.workspace_id = $1 AND i.kind = 'email' AND lower(i.value) LIKE {domain} ESCAPE ''
                    AND i.member_id NOT IN (
                      SELECT c.member_id FROM traits ct JOIN identities c ON c.workspace_id = ct.workspace_id AND c.id = ct.identity_id
                      WHERE ct.workspace_id = $1 AND ct.key = 'company'))
                """);
        }

        if (!string.IsNullOrWhiteSpace(query.Icp))
        {
            parameters.Add(query.Icp.Trim());
            where.Add($"m.id IN (SELECT member_id FROM icp_members WHERE workspace_id = $1 AND icp = ${parameters.Count})");
        }

        if (!string.IsNullOrWhiteSpace(query.FirstTouchChannel))
        {
            parameters.Add(query.FirstTouchChannel.Trim().ToLowerInvariant());
            where.Add($"m.first_touch_channel = ${parameters.Count}");
        }

        if (query.FirstActivity.From is { } firstFrom)
        {
            parameters.Add(firstFrom);
            where.Add($"m.first_activity_at >= ${parameters.Count}");
        }

        if (query.FirstActivity.To is { } firstTo)
        {
            parameters.Add(firstTo);
            where.Add($"m.first_activity_at < ${parameters.Count}");
        }

        if (query.Cursor is { } cursor)
        {
            parameters.Add(cursor.LastActivity);
            parameters.Add(cursor.Id);
            var (at, id) = ($"${parameters.Count - 1}", $"${parameters.Count}");
            where.Add($"({RecencyExpression} < {at} OR ({RecencyExpression} = {at} AND m.id < {id}))");
        }

        var rows = await QueryAsync(
            $"""
            SELECT m.id, {StageExpression}, m.activity_count, m.last_activity_at, {RecencyExpression}
            FROM members m
            WHERE {string.Join(" AND ", where)}
            ORDER BY {RecencyExpression} DESC, m.id DESC
            LIMIT {limit + 1}
            """,
            [.. parameters],
            reader =>
            {
                var list = new List<(long Id, JourneyStage? Stage, long Activities, DateTime? Last, DateTime Recency)>();
                while (reader.Read())
                {
                    list.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : (JourneyStage)reader.GetInt32(1), reader.GetInt64(2),
                        ReadTime(reader, 3), ReadTime(reader, 4)!.Value));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        var page = rows.Count > limit ? rows[..limit] : rows;
        var details = await ReadSummaryDetailsAsync(workspace, [.. page.Select(row => row.Id)], cancellationToken).ConfigureAwait(false);
        var members = page.Select(row =>
        {
            var (traits, identities) = details.GetValueOrDefault(row.Id, (new Dictionary<string, JsonElement>(), []));
            var email = Text(traits, "email") ?? identities.FirstOrDefault(identity => identity.Kind == IdentityKinds.Email).Value;
            return new MemberSummary(
                row.Id, MemberDisplayName.FromTraits(traits), email, Organizations.Of(Text(traits, "company"), OrganizationEmails(traits, identities)),
                BestIdentity(identities), row.Stage, row.Activities, row.Last);
        }).ToList();
        MemberCursor? next = rows.Count > limit ? new MemberCursor(page[^1].Recency, page[^1].Id) : null;
        return new MemberPage(members, next);
    }

    public Task<MemberProfile?> GetMemberAsync(Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        InSnapshotAsync(() => ReadMemberAsync(workspace, memberId, cancellationToken), cancellationToken);

    /// <summary>A member's profile from queries that should run in one snapshot (<see cref="InSnapshotAsync"/>).</summary>
    private async Task<MemberProfile?> ReadMemberAsync(Workspace workspace, long memberId, CancellationToken cancellationToken)
    {
        object?[] key = [workspace.Id, memberId];
        var identities = await QueryAsync(
            "SELECT kind, value FROM identities WHERE workspace_id = $1 AND member_id = $2 ORDER BY kind, value", key,
            reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add($"{reader.GetString(0)}:{reader.GetString(1)}");
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        var traits = await QueryAsync(
            """
            SELECT t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND i.member_id = $2
            ORDER BY t.updated_at, t.key
            """, key,
            reader =>
            {
                var map = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    using var value = JsonDocument.Parse(reader.GetString(1));
                    map[reader.GetString(0)] = value.RootElement.Clone();
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);

        return await QueryAsync(
            $"SELECT {MemberProgressColumns} FROM members WHERE workspace_id = $1 AND id = $2", key,
            reader =>
            {
                if (!reader.Read())
                {
                    return null;
                }

                var progress = ReadProgress(reader, 0);
                var reached = new SortedDictionary<JourneyStage, DateTime>();
                foreach (var stage in JourneyStages.All)
                {
                    if (progress.ReachedAt(stage) is { } at)
                    {
                        reached[stage] = at;
                    }
                }

                return new MemberProfile(memberId, MemberDisplayName.FromTraits(traits), identities, traits, progress.Stage, reached,
                    progress.ActivityCount, progress.FirstActivity, progress.LastActivity);
            }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<MemberActivity>> ListMemberActivitiesAsync(
        Workspace workspace, long memberId, DateTime? before, int limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<MemberActivity>>(
            $"""
            SELECT a.type, a.occurred_at, a.source, i.kind, i.value, a.channel, a.url, a.title, CAST(a.properties AS VARCHAR)
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND i.member_id = $2 {(before is null ? "" : "AND a.occurred_at < $3")}
            ORDER BY a.occurred_at DESC, a.message_id
            LIMIT {Math.Clamp(limit, 1, 1000)}
            """,
            before is { } at ? [workspace.Id, memberId, at] : [workspace.Id, memberId],
            reader =>
            {
                var list = new List<MemberActivity>();
                while (reader.Read())
                {
                    list.Add(new MemberActivity(reader.GetString(0), ReadTime(reader, 1)!.Value, reader.GetString(2),
                        $"{reader.GetString(3)}:{reader.GetString(4)}", ReadText(reader, 5), ReadText(reader, 6), ReadText(reader, 7),
                        ReadText(reader, 8)));
                }

                return list;
            }, cancellationToken);

    public Task<IReadOnlyList<MemberNote>> ListMemberNotesAsync(Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<MemberNote>>(
            """
            SELECT n.id, n.author, n.body, n.created_at FROM member_notes n
            JOIN identities i ON i.workspace_id = n.workspace_id AND i.id = n.identity_id
            WHERE n.workspace_id = $1 AND i.member_id = $2
            ORDER BY n.created_at DESC, n.id
            """,
            [workspace.Id, memberId],
            reader =>
            {
                var notes = new List<MemberNote>();
                while (reader.Read())
                {
                    notes.Add(new MemberNote(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), ReadTime(reader, 3)!.Value));
                }

                return notes;
            }, cancellationToken);

    public async Task<MemberNote> AddMemberNoteAsync(Workspace workspace, long memberId, string author, string body, CancellationToken cancellationToken)
    {
        var text = body.Trim();
        if (text.Length is 0 or > 10_000)
        {
            throw new ArgumentException("a note has between 1 and 10,000 characters", nameof(body));
        }

        var anchor = await AnchorIdentityAsync(workspace, memberId, cancellationToken).ConfigureAwait(false);
        var note = new MemberNote(Guid.CreateVersion7(), author, text, Now());
        await ExecuteAsync(
            "INSERT INTO member_notes (workspace_id, id, identity_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [workspace.Id, note.Id, anchor, note.Author, note.Body, note.CreatedAt], cancellationToken).ConfigureAwait(false);
        return note;
    }

    public Task<bool> DeleteMemberNoteAsync(Workspace workspace, long memberId, Guid noteId, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            DELETE FROM member_notes
            WHERE workspace_id = $1 AND id = $2
              AND identity_id IN (SELECT id FROM identities WHERE workspace_id = $1 AND member_id = $3)
            RETURNING id
            """,
            [workspace.Id, noteId, memberId], reader => reader.Read(), cancellationToken);

    public Task<IReadOnlyList<string>> ListMemberTagsAsync(Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<string>>(
            """
            SELECT DISTINCT g.tag FROM member_tags g
            JOIN identities i ON i.workspace_id = g.workspace_id AND i.id = g.identity_id
            WHERE g.workspace_id = $1 AND i.member_id = $2
            ORDER BY g.tag
            """,
            [workspace.Id, memberId],
            reader =>
            {
                var tags = new List<string>();
                while (reader.Read())
                {
                    tags.Add(reader.GetString(0));
                }

                return tags;
            }, cancellationToken);

    public async Task SetMemberTagAsync(Workspace workspace, long memberId, string tag, bool tagged, CancellationToken cancellationToken)
    {
        var name = NormaliseTag(tag);
        if (tagged)
        {
            var anchor = await AnchorIdentityAsync(workspace, memberId, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                "INSERT INTO member_tags (workspace_id, identity_id, tag, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                [workspace.Id, anchor, name, Now()], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A member merged from two tagged ones carries the tag on both anchors: untagging removes every copy.
            await ExecuteAsync(
                """
                DELETE FROM member_tags WHERE workspace_id = $1 AND tag = $3
                  AND identity_id IN (SELECT id FROM identities WHERE workspace_id = $1 AND member_id = $2)
                """,
                [workspace.Id, memberId, name], cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<WeeklyProgress>> GetWeeklyProgressAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken)
    {
        string[] columns = ["first_activity_at", "discover_at", "evaluate_at", "learn_at", "build_at", "scale_at"];
        var parameters = new List<object?> { workspace.Id };
        var bounds = "";
        if (range.From is { } from)
        {
            parameters.Add(from);
            bounds += $" AND {{0}} >= ${parameters.Count}";
        }

        if (range.To is { } to)
        {
            parameters.Add(to);
            bounds += $" AND {{0}} < ${parameters.Count}";
        }

        var selects = columns.Select((column, series) =>
            $"SELECT {series} AS series, {WeekStart(column)} AS week, count(*) AS developers FROM members " +
            $"WHERE workspace_id = $1 AND {column} IS NOT NULL{string.Format(CultureInfo.InvariantCulture, bounds, column)} GROUP BY 2");
        var counts = await QueryAsync(
            string.Join("\nUNION ALL\n", selects), [.. parameters],
            reader =>
            {
                var byWeek = new SortedDictionary<DateOnly, long[]>();
                while (reader.Read())
                {
                    var week = DateOnly.FromDateTime(reader.GetDateTime(1));
                    if (!byWeek.TryGetValue(week, out var values))
                    {
                        byWeek[week] = values = new long[columns.Length];
                    }

                    values[reader.GetInt32(0)] = reader.GetInt64(2);
                }

                return byWeek;
            }, cancellationToken).ConfigureAwait(false);

        // Weeks in which nothing happened are shown as zero rather than left out, so charts keep a steady axis.
        var weeks = new List<WeeklyProgress>();
        if (counts.Count == 0)
        {
            return weeks;
        }

        for (var week = counts.Keys.First(); week <= counts.Keys.Last(); week = week.AddDays(7))
        {
            var values = counts.GetValueOrDefault(week) ?? new long[columns.Length];
            weeks.Add(new WeeklyProgress(week, values[0], values[1..]));
        }

        return weeks;
    }

    private async Task<long> AnchorIdentityAsync(Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT min(id) FROM identities WHERE workspace_id = $1 AND member_id = $2", [workspace.Id, memberId],
            reader => reader.Read() && !reader.IsDBNull(0) ? reader.GetInt64(0) : (long?)null,
            cancellationToken).ConfigureAwait(false)
        ?? throw new MemberNotFoundException(memberId);

    private async Task<Dictionary<long, (Dictionary<string, JsonElement> Traits, List<Identity> Identities)>> ReadSummaryDetailsAsync(
        Workspace workspace, long[] memberIds, CancellationToken cancellationToken)
    {
        var details = new Dictionary<long, (Dictionary<string, JsonElement>, List<Identity>)>();
        if (memberIds.Length == 0)
        {
            return details;
        }

        object?[] parameters = [workspace.Id, .. memberIds.Cast<object?>()];
        var members = Placeholders(2, memberIds.Length);
        foreach (var id in memberIds)
        {
            details[id] = ([], []);
        }

        await QueryAsync(
            $"""
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND i.member_id IN ({members})
              AND t.key IN ({string.Join(", ", SummaryTraits.Select(key => $"'{key}'"))})
            ORDER BY t.updated_at
            """,
            parameters,
            reader =>
            {
                while (reader.Read())
                {
                    using var value = JsonDocument.Parse(reader.GetString(2));
                    details[reader.GetInt64(0)].Item1[reader.GetString(1)] = value.RootElement.Clone();
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);

        await QueryAsync(
            $"SELECT member_id, kind, value FROM identities WHERE workspace_id = $1 AND member_id IN ({members}) ORDER BY id",
            parameters,
            reader =>
            {
                while (reader.Read())
                {
                    if (Identity.TryCreate(reader.GetString(1), reader.GetString(2), out var identity, out _))
                    {
                        details[reader.GetInt64(0)].Item2.Add(identity);
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        return details;
    }

    /// <summary>The identity that names a developer best in a list: a handle people recognise before an opaque id.</summary>
    private static string? BestIdentity(List<Identity> identities)
    {
        string[] preference = [IdentityKinds.GitHub, IdentityKinds.Email, IdentityKinds.User];
        foreach (var kind in preference)
        {
            if (identities.FirstOrDefault(identity => identity.Kind == kind) is { Kind: not null } found)
            {
                return $"{found.Kind}:{found.Value}";
            }
        }

        var other = identities.FirstOrDefault(identity => identity.Kind != IdentityKinds.Anonymous);
        var best = other.Kind is null ? identities.FirstOrDefault() : other;
        return best.Kind is null ? null : $"{best.Kind}:{best.Value}";
    }

    private static string NormaliseTag(string tag) => MemberTags.Normalise(tag);

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

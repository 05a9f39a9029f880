using System.Text;
using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    /// <summary>
    /// One community write at a time per process: refreshes number themselves after the last one, and a hand
    /// nomination must not race the refresh that replaces the rows it updates.
    /// </summary>
    private readonly SemaphoreSlim _communityLock = new(1, 1);

    /// <summary>
    /// Activities flagged by their source as made by a bot (<c>"bot": true</c>) never count. The text test first spares
    /// parsing the JSON of the (many) activities whose properties do not mention a bot at all.
    /// </summary>
    private string NotBot(string properties) =>
        $"({properties} IS NULL OR CAST({properties} AS VARCHAR) NOT LIKE '%\"bot\"%' OR coalesce({JsonText(properties, "bot")}, '') <> 'true')";

    public async Task<CommunityConfig> GetCommunityConfigAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM community_configs WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken).ConfigureAwait(false);
        return json is null ? CommunityConfig.Default : CommunityConfig.Parse(json);
    }

    public async Task SetCommunityConfigAsync(Workspace workspace, CommunityConfig config, CancellationToken cancellationToken)
    {
        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO community_configs (workspace_id, definition, updated_at) VALUES ($1, CAST($2 AS JSON), $3)
                ON CONFLICT (workspace_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
                """,
                [workspace.Id, config.ToJson(), Now()], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }
    }

    public async Task<CommunityRefresh> RefreshCommunityAsync(Workspace workspace, DateTime asOf, CancellationToken cancellationToken)
    {
        asOf = DateTime.SpecifyKind(asOf, DateTimeKind.Utc);
        var config = await GetCommunityConfigAsync(workspace, cancellationToken).ConfigureAwait(false);
        var journey = await ReadJourneyMapAsync(workspace, cancellationToken).ConfigureAwait(false);
        var types = await QueryAsync(
            "SELECT DISTINCT type FROM activities WHERE workspace_id = $1", [workspace.Id],
            reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add(reader.GetString(0));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var refreshId = await QueryAsync(
                "SELECT coalesce(max(id), 0) + 1 FROM community_refreshes WHERE workspace_id = $1", [workspace.Id],
                reader => reader.Read() ? reader.GetInt64(0) : 1, cancellationToken).ConfigureAwait(false);
            var now = Now();
            // Rows of this refresh's number can only be left over from an interrupted one: they go first.
            await ExecuteBesideIngestAsync(
            [
                ("DELETE FROM member_levels WHERE workspace_id = $1 AND refresh_id >= $2", [workspace.Id, refreshId]),
                LevelsStatement(workspace, config, journey, types, asOf, refreshId),
                OutreachStatement(workspace, config, types, asOf, refreshId, now),
                ("DELETE FROM member_levels WHERE workspace_id = $1 AND refresh_id <> $2", [workspace.Id, refreshId]),
                (
                    """
                    INSERT INTO community_refreshes (workspace_id, id, as_of, refreshed_at, members)
                    SELECT $1, $2, $3, $4, count(*) FROM member_levels WHERE workspace_id = $1
                    """,
                    [workspace.Id, refreshId, asOf, now]),
            ], cancellationToken).ConfigureAwait(false);
            var refresh = await ReadRefreshAsync(workspace, refreshId, asOf, cancellationToken).ConfigureAwait(false);
            await AnnounceAsync(workspace, refresh, cancellationToken).ConfigureAwait(false);
            return refresh;
        }
        finally
        {
            _communityLock.Release();
        }
    }

    /// <summary>
    /// Tells outbound webhooks what the refresh changed. Only events some subscription asks for are written: a refresh
    /// can change thousands of levels, and an outbox of events nobody wants would only grow.
    /// </summary>
    private async Task AnnounceAsync(Workspace workspace, CommunityRefresh refresh, CancellationToken cancellationToken)
    {
        var subscriptions = await ListWebhookSubscriptionsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var wanted = CommunityEvents.From(refresh).Where(announced => subscriptions.Any(subscription => subscription.Wants(announced.Name))).ToList();
        await AddWebhookEventsAsync(workspace, wanted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scores every member in one pass over their activities (the stalled rule's window test too: the
    /// minActivities-th latest activity is within the window before the last one). The database sums weight × decay: the weights of the
    /// workspace's distinct activity types come from Core's rules as a small VALUES list, and decay is
    /// <c>exp(k·(t − asOf))</c> with <c>k = ln 2 / half-life</c>, so the score at an earlier month end is the same sum
    /// over the activities up to then, times a constant (<c>2^((asOf − end)/half-life)</c>) worked out here.
    /// </summary>
    private (string, object?[]) LevelsStatement(
        Workspace workspace, CommunityConfig config, JourneyMap journey, List<string> types, DateTime asOf, long refreshId)
    {
        var rules = config.Levels;
        var stalled = config.StalledRule(journey);
        var outreach = config.Outreach;
        var args = new SqlArguments(workspace.Id, asOf, refreshId);
        var points = LevelHistory.Points(asOf);
        var pointParameters = points.Select(point => args.Add(point)).ToArray();
        var weights = WeightsTable(rules, types, args);
        var stalledCutoff = args.Add(asOf.AddDays(-stalled.StalledAfterDays));
        var candidateFrom = args.Add(asOf.AddDays(-outreach.CandidateDays));
        var halfLifeSeconds = rules.HalfLifeDays * 86_400;
        var k = SqlArguments.Double(Math.Log(2) / halfLifeSeconds);
        var asOfEpoch = SqlArguments.Double((asOf - DateTime.UnixEpoch).TotalSeconds);
        var active = SqlArguments.Double(rules.ActiveThreshold);
        var hero = SqlArguments.Double(rules.HeroThreshold);

        var sums = new StringBuilder();
        var history = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            var sum = $"s{i}";
            sums.Append(i == points.Count - 1
                ? $"sum(points) AS {sum}"
                : $"sum(points) FILTER (WHERE occurred_at <= {pointParameters[i]}) AS {sum}, ");
            var factor = SqlArguments.Double(Math.Pow(2, (asOf - points[i]).TotalSeconds / halfLifeSeconds));
            var heroBy = $"coalesce(o.hero AND o.created_at <= {pointParameters[i]}, false)";
            var removedBy = $"coalesce(NOT o.hero AND o.created_at <= {pointParameters[i]}, false)";
            history.Add(
                $"""
                CASE WHEN {heroBy} THEN '3' WHEN s.{sum} IS NULL THEN '0'
                     WHEN s.{sum} * {factor} >= {hero} AND NOT {removedBy} THEN '3'
                     WHEN s.{sum} * {factor} >= {active} THEN '2' ELSE '1' END
                """);
        }

        var sql =
            $"""
            INSERT INTO member_levels (workspace_id, member_id, refresh_id, score, score_level, level, previous_level, history,
              last_activity_at, recent_advocacy, stage, stalled_since, newly_stalled, candidate_since)
            WITH w (type, weight, advocacy) AS (VALUES {weights}),
            counted AS (
              SELECT i.member_id, a.occurred_at, coalesce(w.advocacy, 0) AS advocacy,
                     coalesce(w.weight, 0) * exp(greatest({k} * (CAST(extract(epoch FROM a.occurred_at) AS FLOAT8) - {asOfEpoch}), -700)) AS points
              FROM activities a
              JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
              LEFT JOIN w ON w.type = a.type
              WHERE a.workspace_id = $1 AND a.occurred_at <= $2 AND {NotBot("a.properties")}
            ),
            sums AS (
              SELECT member_id, max(occurred_at) AS last_at, {sums},
                     count(*) FILTER (WHERE advocacy = 1 AND occurred_at > {candidateFrom}) AS recent_advocacy,
                     {NthLatest("occurred_at", stalled.MinActivities)} AS nth_latest
              FROM counted GROUP BY member_id
            ),
            nominated AS (
              SELECT member_id, hero, created_at FROM (
                SELECT i.member_id, n.hero, n.created_at,
                       row_number() OVER (PARTITION BY i.member_id ORDER BY n.created_at DESC, n.id DESC) AS r
                FROM hero_nominations n JOIN identities i ON i.workspace_id = n.workspace_id AND i.id = n.identity_id
                WHERE n.workspace_id = $1) latest
              WHERE r = 1
            ),
            scored AS (
              SELECT m.id AS member_id, coalesce(s.s{points.Count - 1}, 0) AS score, s.last_at, coalesce(s.recent_advocacy, 0) AS recent_advocacy,
                     {StageExpression} AS stage,
                     {string.Join(" || ", history)} AS history,
                     CASE WHEN {StageExpression} < {(int)JourneyStage.Scale} AND s.last_at <= {stalledCutoff}
                               AND s.nth_latest > s.last_at - INTERVAL '{stalled.WindowDays * 24} hours'
                          THEN s.last_at + INTERVAL '{stalled.StalledAfterDays * 24} hours' END AS stalled_since
              FROM members m
              LEFT JOIN sums s ON s.member_id = m.id
              LEFT JOIN nominated o ON o.member_id = m.id
              WHERE m.workspace_id = $1 AND (s.member_id IS NOT NULL OR coalesce(o.hero, false))
            ),
            leveled AS (
              SELECT x.*, CAST(substr(x.history, {points.Count}, 1) AS INTEGER) AS level,
                     CASE WHEN x.score >= {hero} THEN 3 WHEN x.score >= {active} THEN 2 ELSE 1 END AS score_level
              FROM scored x
            )
            SELECT $1, x.member_id, $3, x.score, x.score_level, x.level, old.level, x.history, x.last_at, x.recent_advocacy, x.stage,
                   x.stalled_since,
                   x.stalled_since IS NOT NULL AND (old.stalled_since IS NULL OR old.stalled_since <> x.stalled_since),
                   CASE WHEN x.level = 2 AND x.recent_advocacy >= {outreach.CandidateAdvocacy} THEN coalesce(old.candidate_since, $2) END
            FROM leveled x
            LEFT JOIN (
              -- The previous refresh's rows, one per member whatever happened to the table.
              SELECT member_id, min(level) AS level, min(stalled_since) AS stalled_since, min(candidate_since) AS candidate_since
              FROM member_levels
              WHERE workspace_id = $1 AND refresh_id = (SELECT max(id) FROM community_refreshes WHERE workspace_id = $1)
              GROUP BY member_id) old ON old.member_id = x.member_id
            """;
        return (sql, args.ToArray());
    }

    /// <summary>The weights of the workspace's activity types that are worth something, as VALUES rows.</summary>
    private static string WeightsTable(LevelRules rules, List<string> types, SqlArguments args)
    {
        var rows = new List<string>();
        foreach (var type in types)
        {
            var (weight, advocacy) = rules.WeightOf(type);
            if (weight > 0 || advocacy)
            {
                rows.Add($"({args.Add(type)}, {SqlArguments.Double(weight)}, {(advocacy ? 1 : 0)})");
            }
        }

        return rows.Count == 0 ? "(CAST(NULL AS VARCHAR), CAST(0 AS FLOAT8), 0)" : string.Join(", ", rows);
    }

    /// <summary>
    /// Adds the tasks the outreach rules call for. A member gets no second open (or snoozed) task for the same reason,
    /// and no task again for an episode that already had one, whatever became of it: a dismissed task stays dismissed
    /// until the member comes back and, say, stalls again.
    /// </summary>
    private (string, object?[]) OutreachStatement(
        Workspace workspace, CommunityConfig config, List<string> types, DateTime asOf, long refreshId, DateTime now)
    {
        var outreach = config.Outreach;
        var args = new SqlArguments(workspace.Id, refreshId, now);
        var questions = types.Where(outreach.IsQuestion).Select(args.Add).ToList();
        var quietCutoff = args.Add(asOf.AddDays(-outreach.HeroQuietDays));
        var candidates = new List<string>
        {
            $"""
            SELECT 0 AS priority, 'stalled' AS reason, member_id, last_activity_at AS episode_at FROM member_levels
            WHERE workspace_id = $1 AND refresh_id = $2 AND stalled_since IS NOT NULL
            """,
            $"""
            SELECT 2, 'hero_quiet', member_id, last_activity_at FROM member_levels
            WHERE workspace_id = $1 AND refresh_id = $2 AND level = 3 AND last_activity_at <= {quietCutoff}
            """,
            """
            SELECT 3, 'hero_candidate', member_id, candidate_since FROM member_levels
            WHERE workspace_id = $1 AND refresh_id = $2 AND candidate_since IS NOT NULL
            """,
        };
        if (questions.Count > 0)
        {
            var askedBefore = args.Add(asOf.AddHours(-outreach.UnansweredAfterHours));
            var askedAfter = args.Add(asOf.AddDays(-outreach.UnansweredWithinDays));
            candidates.Add(
                $"""
                SELECT 1, 'unanswered_question', i.member_id, max(a.occurred_at)
                FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
                WHERE a.workspace_id = $1 AND a.type IN ({string.Join(", ", questions)})
                  AND a.occurred_at <= {askedBefore} AND a.occurred_at > {askedAfter}
                  AND {NotBot("a.properties")} AND coalesce({JsonText("a.properties", "answered")}, '') <> 'true'
                GROUP BY i.member_id
                """);
        }

        var sql =
            $"""
            INSERT INTO outreach_tasks (workspace_id, id, identity_id, reason, episode_at, stage, last_activity_at, status,
              refresh_id, created_at, updated_at)
            SELECT $1, (SELECT coalesce(max(id), 0) FROM outreach_tasks WHERE workspace_id = $1)
                       + row_number() OVER (ORDER BY c.priority, c.member_id),
                   anchor.id, c.reason, c.episode_at, l.stage, l.last_activity_at, 'open', $2, $3, $3
            FROM ({string.Join("\nUNION ALL\n", candidates)}) c
            JOIN (SELECT member_id, min(id) AS id FROM identities WHERE workspace_id = $1 GROUP BY member_id) anchor
              ON anchor.member_id = c.member_id
            LEFT JOIN member_levels l ON l.workspace_id = $1 AND l.refresh_id = $2 AND l.member_id = c.member_id
            WHERE NOT EXISTS (
              SELECT 1 FROM outreach_tasks t JOIN identities ti ON ti.workspace_id = t.workspace_id AND ti.id = t.identity_id
              WHERE t.workspace_id = $1 AND ti.member_id = c.member_id AND t.reason = c.reason
                AND (t.status IN ('open', 'snoozed') OR t.episode_at = c.episode_at))
            """;
        return (sql, args.ToArray());
    }

    private async Task<CommunityRefresh> ReadRefreshAsync(Workspace workspace, long refreshId, DateTime asOf, CancellationToken cancellationToken)
    {
        object?[] key = [workspace.Id, refreshId];
        var members = await QueryAsync(
            "SELECT members FROM community_refreshes WHERE workspace_id = $1 AND id = $2", key,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var changes = await QueryAsync(
            """
            SELECT member_id, previous_level, level FROM member_levels
            WHERE workspace_id = $1 AND refresh_id = $2 AND previous_level IS NOT NULL AND previous_level <> level
            ORDER BY member_id
            """, key,
            reader =>
            {
                var list = new List<LevelChange>();
                while (reader.Read())
                {
                    list.Add(new LevelChange(reader.GetInt64(0), (CommunityLevel)reader.GetInt32(1), (CommunityLevel)reader.GetInt32(2)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var stalled = await QueryAsync(
            """
            SELECT member_id, stage, stalled_since FROM member_levels
            WHERE workspace_id = $1 AND refresh_id = $2 AND newly_stalled
            ORDER BY member_id
            """, key,
            reader =>
            {
                var list = new List<StalledMember>();
                while (reader.Read())
                {
                    list.Add(new StalledMember(reader.GetInt64(0), (JourneyStage)reader.GetInt32(1), ReadTime(reader, 2)!.Value));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var created = await QueryAsync(
            """
            SELECT t.id, i.member_id, t.reason FROM outreach_tasks t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND t.refresh_id = $2
            ORDER BY t.id
            """, key,
            reader =>
            {
                var list = new List<CreatedOutreachTask>();
                while (reader.Read())
                {
                    list.Add(new CreatedOutreachTask(reader.GetInt64(0), reader.GetInt64(1), ParseReason(reader.GetString(2))));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        return new CommunityRefresh(asOf, members, changes, stalled, created);
    }

    public async Task<MemberLevel?> GetMemberLevelAsync(Workspace workspace, long memberId, CancellationToken cancellationToken)
    {
        var row = await QueryAsync(
            """
            SELECT l.score, l.score_level, l.level, r.as_of, l.stalled_since, l.stage
            FROM member_levels l JOIN community_refreshes r ON r.workspace_id = l.workspace_id AND r.id = l.refresh_id
            WHERE l.workspace_id = $1 AND l.member_id = $2
            """,
            [workspace.Id, memberId],
            reader => reader.Read()
                ? (Score: reader.GetDouble(0), ScoreLevel: (CommunityLevel)reader.GetInt32(1), Level: (CommunityLevel)reader.GetInt32(2),
                    AsOf: ReadTime(reader, 3)!.Value, StalledSince: ReadTime(reader, 4), Stage: reader.IsDBNull(5) ? (JourneyStage?)null : (JourneyStage)reader.GetInt32(5))
                : default((double Score, CommunityLevel ScoreLevel, CommunityLevel Level, DateTime AsOf, DateTime? StalledSince, JourneyStage? Stage)?),
            cancellationToken).ConfigureAwait(false);
        if (row is not { } level)
        {
            return null;
        }

        var config = await GetCommunityConfigAsync(workspace, cancellationToken).ConfigureAwait(false);
        var rules = config.Levels;
        var halfLifeSeconds = rules.HalfLifeDays * 86_400;
        var decayed = await QueryAsync(
            $"""
            SELECT a.type, count(*),
                   sum(exp(greatest({SqlArguments.Double(Math.Log(2) / halfLifeSeconds)}
                       * (CAST(extract(epoch FROM a.occurred_at) AS FLOAT8) - {SqlArguments.Double((level.AsOf - DateTime.UnixEpoch).TotalSeconds)}), -700)))
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND i.member_id = $2 AND a.occurred_at <= $3 AND {NotBot("a.properties")}
            GROUP BY a.type
            """,
            [workspace.Id, memberId, level.AsOf],
            reader =>
            {
                var list = new List<LevelContribution>();
                while (reader.Read())
                {
                    var type = reader.GetString(0);
                    var weight = rules.WeightOf(type).Weight;
                    list.Add(new LevelContribution(type, weight, reader.GetInt64(1), weight * reader.GetDouble(2)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var top = decayed.Where(c => c.Points > 0).OrderByDescending(c => c.Points).ThenBy(c => c.Type, StringComparer.Ordinal).Take(5).ToList();
        var nomination = await LatestNominationAsync(workspace, memberId, cancellationToken).ConfigureAwait(false);
        return new MemberLevel(level.Level, level.Score, level.ScoreLevel, nomination, level.AsOf,
            level.StalledSince, level.StalledSince is null ? null : level.Stage, top);
    }

    public Task<LevelReport> GetLevelReportAsync(Workspace workspace, int movesPerMonth, CancellationToken cancellationToken) =>
        GetLevelReportAsync(workspace, movesPerMonth, icp: null, cancellationToken);

    public async Task<LevelReport> GetLevelReportAsync(Workspace workspace, int movesPerMonth, string? icp, CancellationToken cancellationToken)
    {
        var asOf = await QueryAsync(
            "SELECT as_of FROM community_refreshes WHERE workspace_id = $1 ORDER BY id DESC LIMIT 1", [workspace.Id],
            reader => reader.Read() ? ReadTime(reader, 0) : null, cancellationToken).ConfigureAwait(false);
        if (asOf is not { } at)
        {
            return new LevelReport(null, new LevelCounts(0, 0, 0), []);
        }

        // Members share few level histories (a million members, a few hundred histories): counting per history and
        // adding up here reads the table once and computes little.
        // An ICP's members are derived ahead (icp_members): the filter is one semi-join on both queries.
        const string InIcp = " AND member_id IN (SELECT i.member_id FROM icp_members i WHERE i.workspace_id = $1 AND i.icp = $2)";
        var histories = await QueryAsync(
            $"SELECT history, count(*) FROM member_levels WHERE workspace_id = $1{(icp is null ? "" : InIcp)} GROUP BY history",
            icp is null ? [workspace.Id] : [workspace.Id, icp],
            reader =>
            {
                var counts = new List<(string History, long Members)>();
                while (reader.Read())
                {
                    counts.Add((reader.GetString(0), reader.GetInt64(1)));
                }

                return counts;
            }, cancellationToken).ConfigureAwait(false);

        var positions = LevelHistory.Months + 1;
        var perLevel = new long[positions, 4];
        var promotions = new long[positions];
        var demotions = new long[positions];
        foreach (var (history, members) in histories)
        {
            for (var p = 0; p < positions && p < history.Length; p++)
            {
                perLevel[p, history[p] - '0'] += members;
                if (p > 0 && history[p - 1] >= '1' && history[p] != history[p - 1])
                {
                    (history[p] > history[p - 1] ? promotions : demotions)[p] += members;
                }
            }
        }

        var moves = new List<(int Position, long MemberId, CommunityLevel From, CommunityLevel To)>();
        if (movesPerMonth > 0)
        {
            var args = icp is null ? new SqlArguments(workspace.Id) : new SqlArguments(workspace.Id, icp);
            var selects = new List<string>();
            for (var p = 1; p < positions; p++)
            {
                var moved = histories.Where(h => h.History.Length == positions && h.History[p - 1] >= '1' && h.History[p] != h.History[p - 1])
                    .Select(h => args.Add(h.History)).ToList();
                if (moved.Count > 0)
                {
                    selects.Add(
                        $"""
                        (SELECT {p} AS position, member_id, history FROM member_levels
                         WHERE workspace_id = $1 AND history IN ({string.Join(", ", moved)}){(icp is null ? "" : InIcp)}
                         ORDER BY score DESC, member_id LIMIT {Math.Min(movesPerMonth, 1000)})
                        """);
                }
            }

            if (selects.Count > 0)
            {
                moves = await QueryAsync(
                    string.Join("\nUNION ALL\n", selects), args.ToArray(),
                    reader =>
                    {
                        var list = new List<(int, long, CommunityLevel, CommunityLevel)>();
                        while (reader.Read())
                        {
                            var p = reader.GetInt32(0);
                            var history = reader.GetString(2);
                            list.Add((p, reader.GetInt64(1), (CommunityLevel)(history[p - 1] - '0'), (CommunityLevel)(history[p] - '0')));
                        }

                        return list;
                    }, cancellationToken).ConfigureAwait(false);
            }
        }

        var details = await ReadSummaryDetailsAsync(workspace, [.. moves.Select(move => move.MemberId).Distinct()], cancellationToken)
            .ConfigureAwait(false);
        var names = LevelHistory.MonthNames(at);
        var months = new List<LevelMonth>();
        for (var m = 0; m < LevelHistory.Months; m++)
        {
            var p = m + 1;
            var moved = moves.Where(move => move.Position == p)
                .OrderByDescending(move => move.To > move.From).ThenBy(move => move.MemberId)
                .Select(move =>
                {
                    var (traits, identities) = details[move.MemberId];
                    return new LevelMove(move.MemberId, Core.Members.MemberDisplayName.FromTraits(traits), BestIdentity(identities), move.From, move.To);
                }).ToList();
            months.Add(new LevelMonth(names[m], perLevel[p, 1], perLevel[p, 2], perLevel[p, 3], promotions[p], demotions[p], moved));
        }

        var current = positions - 1;
        return new LevelReport(at, new LevelCounts(perLevel[current, 1], perLevel[current, 2], perLevel[current, 3]), months);
    }

    public async Task<(IReadOnlyList<CommunityMember> Members, long Total)> ListCommunityMembersAsync(
        Workspace workspace, CommunityList list, int offset, int limit, CancellationToken cancellationToken)
    {
        var filter = CommunityListFilter(list);
        var total = await QueryAsync(
            $"SELECT count(*) FROM member_levels WHERE workspace_id = $1 AND {filter}", [workspace.Id],
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var members = await ReadCommunityMembersAsync(
            workspace, filter, [workspace.Id], $"LIMIT {Math.Clamp(limit, 1, 1000)} OFFSET {Math.Max(0, offset)}", cancellationToken).ConfigureAwait(false);
        return (members, total);
    }

    public async Task<KeysetPage<CommunityMember>> ListCommunityMembersAsync(
        Workspace workspace, CommunityList list, KeysetRequest page, CancellationToken cancellationToken)
    {
        var filter = CommunityListFilter(list);
        var (after, parameters) = page.After is { } key && KeyParts(key, 2) is var parts
            ? ($" AND {AfterKey("score", true, "member_id", false, 2)}", new object?[] { workspace.Id, KeyDouble(parts[0]), KeyLong(parts[1]) })
            : ("", [workspace.Id]);
        var members = await ReadCommunityMembersAsync(workspace, filter + after, parameters, $"LIMIT {FetchLimit(page)}", cancellationToken)
            .ConfigureAwait(false);
        return CutPage(members, page, member => Key(member.Score, member.MemberId));
    }

    private static string CommunityListFilter(CommunityList list) => list switch
    {
        CommunityList.Heroes => "level = 3",
        CommunityList.Candidates => "candidate_since IS NOT NULL",
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };

    /// <summary>Heroes or candidates in the lists' one order, highest score first, then member id.</summary>
    private async Task<IReadOnlyList<CommunityMember>> ReadCommunityMembersAsync(
        Workspace workspace, string filter, object?[] parameters, string limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"""
            SELECT member_id, level, score, recent_advocacy, last_activity_at, candidate_since, level = 3 AND score_level < 3
            FROM member_levels WHERE workspace_id = $1 AND {filter}
            ORDER BY score DESC, member_id
            {limit}
            """,
            parameters,
            reader =>
            {
                var found = new List<(long Id, CommunityLevel Level, double Score, long Advocacy, DateTime? Last, DateTime? Candidate, bool Nominated)>();
                while (reader.Read())
                {
                    found.Add((reader.GetInt64(0), (CommunityLevel)reader.GetInt32(1), reader.GetDouble(2), reader.GetInt64(3),
                        ReadTime(reader, 4), ReadTime(reader, 5), reader.GetBoolean(6)));
                }

                return found;
            }, cancellationToken).ConfigureAwait(false);
        var details = await ReadSummaryDetailsAsync(workspace, [.. rows.Select(row => row.Id)], cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row =>
        {
            var (traits, identities) = details[row.Id];
            return new CommunityMember(row.Id, Core.Members.MemberDisplayName.FromTraits(traits), BestIdentity(identities), row.Level, row.Score,
                row.Advocacy, row.Last, row.Candidate, row.Nominated);
        })];
    }

    public async Task<HeroNomination> NominateHeroAsync(
        Workspace workspace, long memberId, bool hero, string by, string reason, CancellationToken cancellationToken)
    {
        var why = reason.Trim();
        if (why.Length is 0 or > 2000)
        {
            throw new ArgumentException("say why, in up to 2,000 characters", nameof(reason));
        }

        var anchor = await AnchorIdentityAsync(workspace, memberId, cancellationToken).ConfigureAwait(false);
        var nomination = new HeroNomination(memberId, hero, by, why, Now());
        var history = LevelHistory.Months + 1;
        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The stored level follows at once, so lists and pages agree before the next refresh re-derives it all.
            await ExecuteAsync(
            [
                (
                    "INSERT INTO hero_nominations (workspace_id, id, identity_id, hero, nominated_by, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [workspace.Id, Guid.CreateVersion7(), anchor, hero, by, why, nomination.At]),
                (
                    $"""
                    UPDATE member_levels SET
                      level = CASE WHEN $3 THEN 3 WHEN score_level = 3 THEN 2 ELSE score_level END,
                      history = substr(history, 1, {history - 1}) || CASE WHEN $3 THEN '3' WHEN score_level = 3 THEN '2' ELSE CAST(score_level AS VARCHAR) END,
                      candidate_since = CASE WHEN $3 THEN NULL ELSE candidate_since END
                    WHERE workspace_id = $1 AND member_id = $2
                    """,
                    [workspace.Id, memberId, hero]),
            ], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }

        return nomination;
    }

    public async Task<Recognition> AddRecognitionAsync(
        Workspace workspace, long memberId, string kind, string? note, DateOnly givenOn, string by, CancellationToken cancellationToken)
    {
        var name = RecognitionKinds.Parse(kind);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > 2000 })
        {
            throw new ArgumentException("a recognition's note has at most 2,000 characters", nameof(note));
        }

        var anchor = await AnchorIdentityAsync(workspace, memberId, cancellationToken).ConfigureAwait(false);
        var recognition = new Recognition(Guid.CreateVersion7(), memberId, null, name, text, givenOn, by, Now());
        await ExecuteAsync(
            """
            INSERT INTO recognitions (workspace_id, id, identity_id, kind, note, given_on, given_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [workspace.Id, recognition.Id, anchor, name, text, givenOn, by, recognition.RecordedAt],
            cancellationToken).ConfigureAwait(false);
        return recognition;
    }

    public async Task<(IReadOnlyList<Recognition> Recognitions, long Total)> ListRecognitionsAsync(
        Workspace workspace, long? memberId, int offset, int limit, CancellationToken cancellationToken)
    {
        var args = new SqlArguments(workspace.Id);
        var filter = memberId is { } id ? $"AND i.member_id = {args.Add(id)}" : "";
        var total = await QueryAsync(
            $"SELECT count(*) {RecognitionsFrom} WHERE g.workspace_id = $1 {filter}", args.ToArray(),
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var recognitions = await ReadRecognitionsAsync(
            workspace, filter, args.ToArray(), $"LIMIT {Math.Clamp(limit, 1, 1000)} OFFSET {Math.Max(0, offset)}", cancellationToken).ConfigureAwait(false);
        return (recognitions, total);
    }

    public async Task<KeysetPage<Recognition>> ListRecognitionsAsync(
        Workspace workspace, long? memberId, KeysetRequest page, CancellationToken cancellationToken)
    {
        var args = new SqlArguments(workspace.Id);
        var filter = memberId is { } id ? $"AND i.member_id = {args.Add(id)}" : "";
        if (page.After is { } key)
        {
            // Three columns, the first two descending: the expanded form, like AfterKey's, one level deeper.
            var parts = KeyParts(key, 3);
            var (day, recorded, recognition) = (args.Add(KeyDay(parts[0])), args.Add(KeyTime(parts[1])), args.Add(KeyGuid(parts[2])));
            filter += $" AND (g.given_on < CAST({day} AS DATE) OR (g.given_on = CAST({day} AS DATE)"
                + $" AND (g.created_at < {recorded} OR (g.created_at = {recorded} AND g.id > {recognition}))))";
        }

        var recognitions = await ReadRecognitionsAsync(workspace, filter, args.ToArray(), $"LIMIT {FetchLimit(page)}", cancellationToken)
            .ConfigureAwait(false);
        return CutPage(recognitions, page, recognition => Key(recognition.GivenOn, recognition.RecordedAt, recognition.Id));
    }

    private const string RecognitionsFrom = "FROM recognitions g JOIN identities i ON i.workspace_id = g.workspace_id AND i.id = g.identity_id";

    /// <summary>Recognition in the log's one order: latest day first, then latest recorded, then id.</summary>
    private async Task<IReadOnlyList<Recognition>> ReadRecognitionsAsync(
        Workspace workspace, string filter, object?[] parameters, string limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"""
            SELECT g.id, i.member_id, g.kind, g.note, g.given_on, g.given_by, g.created_at {RecognitionsFrom}
            WHERE g.workspace_id = $1 {filter}
            ORDER BY g.given_on DESC, g.created_at DESC, g.id
            {limit}
            """,
            parameters,
            reader =>
            {
                var list = new List<Recognition>();
                while (reader.Read())
                {
                    list.Add(new Recognition(reader.GetGuid(0), reader.GetInt64(1), null, reader.GetString(2), ReadText(reader, 3),
                        reader.GetFieldValue<DateOnly>(4), reader.GetString(5), ReadTime(reader, 6)!.Value));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var details = await ReadSummaryDetailsAsync(workspace, [.. rows.Select(row => row.MemberId).Distinct()], cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row with
        {
            MemberName = Core.Members.MemberDisplayName.FromTraits(details[row.MemberId].Traits) ?? BestIdentity(details[row.MemberId].Identities),
        })];
    }

    private Task<HeroNomination?> LatestNominationAsync(Workspace workspace, long memberId, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT n.hero, n.nominated_by, n.reason, n.created_at
            FROM hero_nominations n JOIN identities i ON i.workspace_id = n.workspace_id AND i.id = n.identity_id
            WHERE n.workspace_id = $1 AND i.member_id = $2
            ORDER BY n.created_at DESC, n.id DESC LIMIT 1
            """,
            [workspace.Id, memberId],
            reader => reader.Read()
                ? new HeroNomination(memberId, reader.GetBoolean(0), reader.GetString(1), reader.GetString(2), ReadTime(reader, 3)!.Value)
                : null,
            cancellationToken);

    private async Task<JourneyMap> ReadJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM journey_maps WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken).ConfigureAwait(false);
        return json is null ? JourneyMap.Default : JourneyMap.Parse(json);
    }

    private static OutreachReason ParseReason(string name) =>
        OutreachReasons.TryParse(name, out var reason) ? reason.Value : throw new FormatException($"unknown outreach reason '{name}'");
}

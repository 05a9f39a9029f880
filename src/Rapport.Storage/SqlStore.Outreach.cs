using System.Text.Json;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Outreach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    private const string TaskColumns =
        "t.id, t.reason, {0}, t.snoozed_until, t.assignee, i.member_id, t.stage, t.episode_at, t.last_activity_at, t.created_at, t.updated_at, " +
        "(SELECT f.title FROM feedback_items f WHERE f.workspace_id = t.workspace_id AND f.id = t.feedback_id)";

    /// <summary>A snoozed task whose date has passed is open again, without anyone having to touch it.</summary>
    private const string EffectiveStatus = "CASE WHEN t.status = 'snoozed' AND t.snoozed_until <= {0} THEN 'open' ELSE t.status END";

    public async Task<OutreachPage> ListOutreachTasksAsync(Workspace workspace, OutreachQuery query, CancellationToken cancellationToken)
    {
        var total = await CountOutreachTasksAsync(workspace, query, cancellationToken).ConfigureAwait(false);
        var listed = OutreachFilter(workspace, query, selectsStatus: true);
        var tasks = await ReadOutreachTasksAsync(
            workspace, listed, $"LIMIT {Math.Clamp(query.Limit, 1, OutreachQuery.MaxLimit)} OFFSET {Math.Max(0, query.Offset)}", cancellationToken)
            .ConfigureAwait(false);
        return new OutreachPage(tasks, total);
    }

    public async Task<(KeysetPage<OutreachTask> Page, long Total)> ListOutreachTasksAsync(
        Workspace workspace, OutreachQuery query, KeysetRequest page, CancellationToken cancellationToken)
    {
        var total = await CountOutreachTasksAsync(workspace, query, cancellationToken).ConfigureAwait(false);
        var listed = OutreachFilter(workspace, query, selectsStatus: true, page.After);
        var tasks = await ReadOutreachTasksAsync(workspace, listed, $"LIMIT {FetchLimit(page)}", cancellationToken).ConfigureAwait(false);
        return (CutPage(tasks, page, task => Key(task.CreatedAt, task.Id)), total);
    }

    private Task<long> CountOutreachTasksAsync(Workspace workspace, OutreachQuery query, CancellationToken cancellationToken)
    {
        var counted = OutreachFilter(workspace, query, selectsStatus: false);
        return QueryAsync(
            $"SELECT count(*) FROM outreach_tasks t WHERE {counted.Where}", counted.Parameters,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken);
    }

    /// <summary>
    /// The tasks a query selects, after the keyset <paramref name="after"/> when given. Each statement gets exactly the
    /// parameters it names: DuckDB refuses a parameter that a statement does not use.
    /// </summary>
    private (string Where, object?[] Parameters, string Status) OutreachFilter(
        Workspace workspace, OutreachQuery query, bool selectsStatus, string? after = null)
    {
        var args = new SqlArguments(workspace.Id);
        var now = selectsStatus || query.Status is not null ? args.Add(Now()) : null;
        var status = string.Format(System.Globalization.CultureInfo.InvariantCulture, EffectiveStatus, now);
        var where = new List<string> { "t.workspace_id = $1" };
        if (query.Status is { } wanted)
        {
            where.Add($"{status} = {args.Add(OutreachStatuses.Name(wanted))}");
        }

        if (query.Reason is { } reason)
        {
            where.Add($"t.reason = {args.Add(OutreachReasons.Name(reason))}");
        }

        if (!string.IsNullOrWhiteSpace(query.Assignee))
        {
            where.Add($"t.assignee = {args.Add(query.Assignee.Trim())}");
        }

        if (query.MemberId is { } memberId)
        {
            where.Add($"t.identity_id IN (SELECT id FROM identities WHERE workspace_id = $1 AND member_id = {args.Add(memberId)})");
        }

        if (after is not null)
        {
            var parts = KeyParts(after, 2);
            var created = args.Add(KeyTime(parts[0]));
            where.Add($"(t.created_at > {created} OR (t.created_at = {created} AND t.id > {args.Add(KeyLong(parts[1]))}))");
        }

        return (string.Join(" AND ", where), args.ToArray(), status);
    }

    /// <summary>
    /// The queue in its one order, oldest first (created, then id). The page is chosen from the tasks alone; only its
    /// rows meet the (large) identities table.
    /// </summary>
    private async Task<IReadOnlyList<OutreachTask>> ReadOutreachTasksAsync(
        Workspace workspace, (string Where, object?[] Parameters, string Status) listed, string limit, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"""
            SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskColumns, listed.Status)}
            FROM (SELECT * FROM outreach_tasks t WHERE {listed.Where}
                  ORDER BY t.created_at, t.id
                  {limit}) t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            ORDER BY t.created_at, t.id
            """,
            listed.Parameters, ReadTaskRows, cancellationToken).ConfigureAwait(false);
        return await CompleteTasksAsync(workspace, rows, withActivities: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OutreachTask?> GetOutreachTaskAsync(Workspace workspace, long taskId, CancellationToken cancellationToken)
    {
        var status = string.Format(System.Globalization.CultureInfo.InvariantCulture, EffectiveStatus, "$3");
        var rows = await QueryAsync(
            $"""
            SELECT {string.Format(System.Globalization.CultureInfo.InvariantCulture, TaskColumns, status)}
            FROM outreach_tasks t JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND t.id = $2
            """,
            [workspace.Id, taskId, Now()], ReadTaskRows, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : (await CompleteTasksAsync(workspace, rows, withActivities: true, cancellationToken).ConfigureAwait(false))[0];
    }

    public async Task<OutreachTask?> UpdateOutreachTaskAsync(
        Workspace workspace, long taskId, OutreachTaskUpdate update, string author, CancellationToken cancellationToken)
    {
        var now = Now();
        update.Validate(now);
        if (await GetOutreachTaskAsync(workspace, taskId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var statements = new List<(string, object?[])>();
        if (update.Status is { } status)
        {
            statements.Add((
                "UPDATE outreach_tasks SET status = $3, snoozed_until = $4, updated_at = $5 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, taskId, OutreachStatuses.Name(status), update.SnoozedUntil, now]));
        }

        if (update.Assignee is { } assignee)
        {
            statements.Add((
                "UPDATE outreach_tasks SET assignee = $3, updated_at = $4 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, taskId, assignee.Trim().Length == 0 ? null : assignee.Trim(), now]));
        }

        if (update.Note is { } note)
        {
            statements.Add((
                "INSERT INTO outreach_notes (workspace_id, id, task_id, author, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                [workspace.Id, Guid.CreateVersion7(), taskId, author, note.Trim(), now]));
            statements.Add(("UPDATE outreach_tasks SET updated_at = $3 WHERE workspace_id = $1 AND id = $2", [workspace.Id, taskId, now]));
        }

        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }

        return await GetOutreachTaskAsync(workspace, taskId, cancellationToken).ConfigureAwait(false);
    }

    private static List<TaskRow> ReadTaskRows(System.Data.Common.DbDataReader reader)
    {
        var rows = new List<TaskRow>();
        while (reader.Read())
        {
            rows.Add(new TaskRow(
                reader.GetInt64(0), ParseReason(reader.GetString(1)),
                OutreachStatuses.TryParse(reader.GetString(2), out var status) ? status.Value : OutreachStatus.Open,
                ReadTime(reader, 3), ReadText(reader, 4), reader.GetInt64(5),
                reader.IsDBNull(6) ? null : (JourneyStage)reader.GetInt32(6), ReadTime(reader, 7)!.Value, ReadTime(reader, 8),
                ReadTime(reader, 9)!.Value, ReadTime(reader, 10)!.Value, ReadText(reader, 11)));
        }

        return rows;
    }

    /// <summary>Adds to each task its member's identities and name, its notes, the question, and the suggested message.</summary>
    private async Task<List<OutreachTask>> CompleteTasksAsync(
        Workspace workspace, List<TaskRow> rows, bool withActivities, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var config = await GetCommunityConfigAsync(workspace, cancellationToken).ConfigureAwait(false);
        var memberIds = rows.Select(row => row.MemberId).Distinct().ToArray();
        var identities = await QueryAsync(
            $"SELECT member_id, kind, value FROM identities WHERE workspace_id = $1 AND member_id IN ({Placeholders(2, memberIds.Length)}) ORDER BY kind, value",
            [workspace.Id, .. memberIds.Cast<object?>()],
            reader =>
            {
                var byMember = memberIds.ToDictionary(id => id, _ => new List<string>());
                while (reader.Read())
                {
                    byMember[reader.GetInt64(0)].Add($"{reader.GetString(1)}:{reader.GetString(2)}");
                }

                return byMember;
            }, cancellationToken).ConfigureAwait(false);
        var details = await ReadSummaryDetailsAsync(workspace, memberIds, cancellationToken).ConfigureAwait(false);
        var taskIds = rows.Select(row => row.Id).ToArray();
        var notes = await QueryAsync(
            $"SELECT task_id, author, body, created_at FROM outreach_notes WHERE workspace_id = $1 AND task_id IN ({Placeholders(2, taskIds.Length)}) ORDER BY created_at, id",
            [workspace.Id, .. taskIds.Cast<object?>()],
            reader =>
            {
                var byTask = taskIds.ToDictionary(id => id, _ => new List<OutreachNote>());
                while (reader.Read())
                {
                    byTask[reader.GetInt64(0)].Add(new OutreachNote(reader.GetString(1), reader.GetString(2), ReadTime(reader, 3)!.Value));
                }

                return byTask;
            }, cancellationToken).ConfigureAwait(false);

        var tasks = new List<OutreachTask>(rows.Count);
        foreach (var row in rows)
        {
            (string? Title, string? Url) question = default;
            if (row.Reason == OutreachReason.UnansweredQuestion)
            {
                question = await FindQuestionAsync(workspace, row, config.Outreach, cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<OutreachActivity> recent = [];
            if (withActivities)
            {
                var activities = await ListMemberActivitiesAsync(workspace, row.MemberId, null, 5, cancellationToken).ConfigureAwait(false);
                recent = [.. activities.Select(activity => new OutreachActivity(activity.Type, activity.OccurredAt, activity.Title))];
            }

            var (traits, _) = details[row.MemberId];
            var name = MemberDisplayName.FromTraits(traits);
            var facts = new OutreachMessageFacts(MemberDisplayName.FirstNameFromTraits(traits), name, row.Stage, row.LastActivityAt, question.Title, row.Feedback);
            tasks.Add(new OutreachTask(
                row.Id, row.Reason, row.Status, row.Status == OutreachStatus.Snoozed ? row.SnoozedUntil : null, row.Assignee, row.MemberId, name,
                identities[row.MemberId], row.Stage,
                new OutreachEvidence(row.EpisodeAt, row.LastActivityAt, question.Title, question.Url, recent),
                config.Outreach.Message(row.Reason, facts, Now()), notes[row.Id], row.CreatedAt, row.UpdatedAt));
        }

        return tasks;
    }

    /// <summary>The question an unanswered-question task is about: the member's question asked at the episode's time.</summary>
    private Task<(string? Title, string? Url)> FindQuestionAsync(Workspace workspace, TaskRow row, OutreachRules rules, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT a.type, a.title, a.url, CAST(a.properties AS VARCHAR) FROM activities a
            JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND i.member_id = $2 AND a.occurred_at = $3
            """,
            [workspace.Id, row.MemberId, row.EpisodeAt],
            reader =>
            {
                while (reader.Read())
                {
                    if (!rules.IsQuestion(reader.GetString(0)))
                    {
                        continue;
                    }

                    var title = ReadText(reader, 1);
                    if (title is null && ReadText(reader, 3) is { } properties)
                    {
                        using var json = JsonDocument.Parse(properties);
                        title = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("title", out var value)
                            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                    }

                    return (title, ReadText(reader, 2));
                }

                return ((string?)null, (string?)null);
            }, cancellationToken);

    private sealed record TaskRow(
        long Id, OutreachReason Reason, OutreachStatus Status, DateTime? SnoozedUntil, string? Assignee, long MemberId, JourneyStage? Stage,
        DateTime EpisodeAt, DateTime? LastActivityAt, DateTime CreatedAt, DateTime UpdatedAt, string? Feedback);
}

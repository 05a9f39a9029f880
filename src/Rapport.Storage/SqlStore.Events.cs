using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Events and the facts of their return, written once for both backends. Events are numbered per workspace like
/// content items; an event's attendee records are activities whose message ids start with <c>event:ID:</c>.
/// </summary>
public abstract partial class SqlStore
{
    private const string EventColumns =
        "id, name, kind, format, CAST(starts_on AS VARCHAR), CAST(ends_on AS VARCHAR), location, url, CAST(audience_tags AS VARCHAR), " +
        "reported_audience, CAST(costs AS VARCHAR), effort_minutes, CAST(talks AS VARCHAR), description, created_at, updated_at";

    private const string InsertEvent =
        """
        INSERT INTO events (workspace_id, id, name, kind, format, starts_on, ends_on, location, url, audience_tags, reported_audience,
                            costs, effort_minutes, talks, description, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, CAST($6 AS DATE), CAST($7 AS DATE), $8, $9, CAST($10 AS JSON), $11, CAST($12 AS JSON), $13,
                CAST($14 AS JSON), $15, $16, $17)
        """;

    private const string UpdateEvent =
        """
        UPDATE events SET name = $3, kind = $4, format = $5, starts_on = CAST($6 AS DATE), ends_on = CAST($7 AS DATE), location = $8,
          url = $9, audience_tags = CAST($10 AS JSON), reported_audience = $11, costs = CAST($12 AS JSON), effort_minutes = $13,
          talks = CAST($14 AS JSON), description = $15, updated_at = $16
        WHERE workspace_id = $1 AND id = $2
        """;

    public async Task<DevRelEvent> AddEventAsync(Workspace workspace, EventFields fields, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var nextId = await QueryAsync(
                "SELECT coalesce(max(id), 0) + 1 FROM events WHERE workspace_id = $1", [workspace.Id],
                reader => reader.Read() ? reader.GetInt64(0) : 1, cancellationToken).ConfigureAwait(false);
            var devRelEvent = fields.Create(nextId, Now());
            await RequireTalksAsync(workspace, devRelEvent, cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(InsertEvent, EventParameters(workspace, devRelEvent), cancellationToken).ConfigureAwait(false);
                return devRelEvent;
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < ContentWriteAttempts)
            {
                // Another writer took the number; read again and take the next.
            }
        }
    }

    public async Task<DevRelEvent?> UpdateEventAsync(Workspace workspace, long id, EventFields changes, CancellationToken cancellationToken)
    {
        if (await GetEventAsync(workspace, id, cancellationToken).ConfigureAwait(false) is not { } existing)
        {
            return null;
        }

        var devRelEvent = changes.ApplyTo(existing, Now());
        await RequireTalksAsync(workspace, devRelEvent, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(UpdateEvent, [.. EventParameters(workspace, devRelEvent)[..15], devRelEvent.UpdatedAt], cancellationToken).ConfigureAwait(false);
        return devRelEvent;
    }

    public Task<DevRelEvent?> GetEventAsync(Workspace workspace, long id, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {EventColumns} FROM events WHERE workspace_id = $1 AND id = $2", [workspace.Id, id],
            reader => reader.Read() ? ReadEvent(reader) : null, cancellationToken);

    public Task<IReadOnlyList<DevRelEvent>> ListEventsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        ReadEventsAsync("", [workspace.Id], "", cancellationToken);

    public async Task<KeysetPage<DevRelEvent>> ListEventsAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        var (after, parameters) = page.After is { } key && KeyParts(key, 2) is var parts
            ? ("AND (starts_on < CAST($2 AS DATE) OR (starts_on = CAST($2 AS DATE) AND id < $3))",
                new object?[] { workspace.Id, KeyDay(parts[0]), KeyLong(parts[1]) })
            : ("", [workspace.Id]);
        var events = await ReadEventsAsync(after, parameters, $"LIMIT {FetchLimit(page)}", cancellationToken).ConfigureAwait(false);
        return CutPage(events, page, devRelEvent => Key(devRelEvent.StartsOn, devRelEvent.Id));
    }

    private Task<IReadOnlyList<DevRelEvent>> ReadEventsAsync(string after, object?[] parameters, string limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<DevRelEvent>>(
            $"SELECT {EventColumns} FROM events WHERE workspace_id = $1 {after} ORDER BY starts_on DESC, id DESC {limit}", parameters,
            reader =>
            {
                var events = new List<DevRelEvent>();
                while (reader.Read())
                {
                    events.Add(ReadEvent(reader));
                }

                return events;
            }, cancellationToken);

    public Task<EventDetail?> GetEventDetailAsync(Workspace workspace, long id, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            if (await GetEventAsync(workspace, id, cancellationToken).ConfigureAwait(false) is not { } devRelEvent)
            {
                return null;
            }

            var facts = await GetEventFactsAsync(workspace, [devRelEvent], cancellationToken).ConfigureAwait(false);
            var content = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
            return new EventDetail(devRelEvent, EventsReport.Roi(devRelEvent, facts[0]), AudienceFit.Rank(devRelEvent.AudienceTags, content));
        }, cancellationToken);

    public Task<EventsReport> GetEventsReportAsync(Workspace workspace, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            var events = await ListEventsAsync(workspace, cancellationToken).ConfigureAwait(false);
            var facts = await GetEventFactsAsync(workspace, events, cancellationToken).ConfigureAwait(false);
            return EventsReport.Compute(events, facts);
        }, cancellationToken);

    public Task<IReadOnlyList<EventFacts>> GetEventFactsAsync(Workspace workspace, IReadOnlyList<DevRelEvent> events, CancellationToken cancellationToken) =>
        InSnapshotAsync<IReadOnlyList<EventFacts>>(async () =>
        {
            var facts = new List<EventFacts>(events.Count);
            foreach (var devRelEvent in events)
            {
                facts.Add(await ReadEventFactsAsync(workspace, devRelEvent, cancellationToken).ConfigureAwait(false));
            }

            return facts;
        }, cancellationToken);

    /// <summary>
    /// One event's facts in two queries: who registered, and one pass over the members grouped by whether they
    /// attended and the stage they held at the start, with the attendees' other activities joined in (docs/events.md).
    /// </summary>
    private async Task<EventFacts> ReadEventFactsAsync(Workspace workspace, DevRelEvent devRelEvent, CancellationToken cancellationToken)
    {
        var prefix = EventActivities.Prefix(devRelEvent.Id) + "%";
        var start = devRelEvent.Start;
        var registered = await QueryAsync(
            """
            SELECT count(DISTINCT i.member_id) FROM activities a
            JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND a.type = $2 AND a.message_id LIKE $3
            """,
            [workspace.Id, EventActivities.Registered, prefix],
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);

        // $3 the start, $4 and $5 30 and 90 days after, $6 and $7 30 and 90 days before.
        var sql =
            $"""
            WITH attendees AS (
              SELECT DISTINCT i.member_id FROM activities a
              JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
              WHERE a.workspace_id = $1 AND a.type = '{EventActivities.Attended}' AND a.message_id LIKE $2
            ),
            besides AS (
              SELECT i.member_id, max(CASE WHEN a.occurred_at > $3 AND a.occurred_at <= $4 THEN 1 ELSE 0 END) AS active
              FROM activities a
              JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
              WHERE a.workspace_id = $1 AND a.message_id NOT LIKE $2 AND i.member_id IN (SELECT member_id FROM attendees)
              GROUP BY i.member_id
            ),
            staged AS (
              SELECT m.*, t.member_id IS NOT NULL AS attended, b.member_id IS NOT NULL AS identified, coalesce(b.active, 0) AS active,
                     {StageAt("$3")} AS stage, {StageAt("$6")} AS stage30, {StageAt("$7")} AS stage90
              FROM members m
              LEFT JOIN attendees t ON t.member_id = m.id
              LEFT JOIN besides b ON b.member_id = m.id
              WHERE m.workspace_id = $1
            )
            SELECT attended, CASE WHEN attended AND stage < 0 THEN 0 ELSE stage END AS at_stage, count(*),
                   CAST(sum(CASE WHEN identified THEN 1 ELSE 0 END) AS BIGINT), CAST(sum(active) AS BIGINT),
                   CAST(sum({MovedOn("stage", "$3", "$4")}) AS BIGINT), CAST(sum({MovedOn("stage", "$3", "$5")}) AS BIGINT),
                   CAST(sum({MovedOn("stage30", "$6", "$3")}) AS BIGINT), CAST(sum({MovedOn("stage90", "$7", "$3")}) AS BIGINT)
            FROM staged
            WHERE attended OR stage >= 0
            GROUP BY 1, 2
            """;
        object?[] parameters =
        [
            workspace.Id, prefix, start, start.AddDays(EventWindows.ShortDays), start.AddDays(EventWindows.LongDays),
            start.AddDays(-EventWindows.ShortDays), start.AddDays(-EventWindows.LongDays),
        ];
        return await QueryAsync(sql, parameters, reader =>
        {
            long attended = 0, identified = 0, active = 0, progressed30 = 0, progressed90 = 0, before30 = 0, before90 = 0;
            var (atStage, peers, peers30, peers90) =
                (new long[JourneyStages.Count], new long[JourneyStages.Count], new long[JourneyStages.Count], new long[JourneyStages.Count]);
            while (reader.Read())
            {
                var stage = reader.GetInt32(1);
                var count = reader.GetInt64(2);
                if (reader.GetBoolean(0))
                {
                    attended += count;
                    atStage[stage] += count;
                    identified += Sum(reader, 3);
                    active += Sum(reader, 4);
                    progressed30 += Sum(reader, 5);
                    progressed90 += Sum(reader, 6);
                    before30 += Sum(reader, 7);
                    before90 += Sum(reader, 8);
                }
                else
                {
                    peers[stage] += count;
                    peers30[stage] += Sum(reader, 5);
                    peers90[stage] += Sum(reader, 6);
                }
            }

            return new EventFacts(
                devRelEvent.Id, registered, attended, identified, active, progressed30, progressed90, before30, before90, atStage, peers, peers30, peers90);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static long Sum(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : reader.GetInt64(ordinal);

    /// <summary>The highest stage a member had reached at a time (a parameter); -1 when none (<see cref="EventWindows.StageAt"/>).</summary>
    private static string StageAt(string at) =>
        $"CASE WHEN m.scale_at <= {at} THEN 4 WHEN m.build_at <= {at} THEN 3 WHEN m.learn_at <= {at} THEN 2 " +
        $"WHEN m.evaluate_at <= {at} THEN 1 WHEN m.discover_at <= {at} THEN 0 ELSE -1 END";

    /// <summary>1 when the member reached the stage after <paramref name="stage"/> within (from, until], else 0 (<see cref="EventWindows.MovedOn"/>).</summary>
    private static string MovedOn(string stage, string from, string until)
    {
        var next = $"CASE WHEN {stage} <= 0 THEN evaluate_at WHEN {stage} = 1 THEN learn_at WHEN {stage} = 2 THEN build_at " +
            $"WHEN {stage} = 3 THEN scale_at END";
        return $"CASE WHEN {next} > {from} AND {next} <= {until} THEN 1 ELSE 0 END";
    }

    private async Task RequireTalksAsync(Workspace workspace, DevRelEvent devRelEvent, CancellationToken cancellationToken)
    {
        if (devRelEvent.Talks.Count == 0)
        {
            return;
        }

        var known = (await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false)).Select(item => item.Id).ToHashSet();
        if (devRelEvent.Talks.FirstOrDefault(talk => !known.Contains(talk)) is var missing && missing != 0)
        {
            throw new FormatException($"there is no content item {missing} to be a talk given there");
        }
    }

    private static object?[] EventParameters(Workspace workspace, DevRelEvent devRelEvent) =>
    [
        workspace.Id, devRelEvent.Id, devRelEvent.Name, EventNames.Name(devRelEvent.Kind), EventNames.Name(devRelEvent.Format),
        devRelEvent.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), devRelEvent.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        devRelEvent.Location, devRelEvent.Url, JsonSerializer.Serialize(devRelEvent.AudienceTags), devRelEvent.ReportedAudience,
        JsonSerializer.Serialize(devRelEvent.Costs.Select(cost => new StoredCost(EventNames.Name(cost.Category), cost.Amount, cost.Currency))),
        devRelEvent.EffortHours is { } hours ? (long)Math.Round(hours * 60) : null, JsonSerializer.Serialize(devRelEvent.Talks),
        devRelEvent.Description, devRelEvent.CreatedAt, devRelEvent.UpdatedAt,
    ];

    private static DevRelEvent ReadEvent(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        EventNames.ParseKind(reader.GetString(2)),
        EventNames.ParseFormat(reader.GetString(3)),
        DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ReadText(reader, 6),
        ReadText(reader, 7),
        JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [],
        reader.IsDBNull(9) ? null : reader.GetInt64(9),
        [.. (JsonSerializer.Deserialize<StoredCost[]>(reader.GetString(10)) ?? [])
            .Select(cost => new EventCost(EventNames.ParseCostCategory(cost.Category), cost.Amount, cost.Currency))],
        reader.IsDBNull(11) ? null : reader.GetInt64(11) / 60d,
        JsonSerializer.Deserialize<long[]>(reader.GetString(12)) ?? [],
        ReadText(reader, 13),
        ReadTime(reader, 14)!.Value,
        ReadTime(reader, 15)!.Value);

    /// <summary>A cost as the <c>costs</c> column keeps it.</summary>
    private sealed record StoredCost(
        [property: System.Text.Json.Serialization.JsonPropertyName("category")] string Category,
        [property: System.Text.Json.Serialization.JsonPropertyName("amount")] decimal Amount,
        [property: System.Text.Json.Serialization.JsonPropertyName("currency")] string Currency);
}

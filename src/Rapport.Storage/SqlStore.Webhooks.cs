using System.Data.Common;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Outbound webhooks as an outbox: events and their deliveries are written in the caller's transaction; workers
/// claim due deliveries with one statement (on PostgreSQL skipping rows another process is claiming), so a delivery
/// is sent by one worker at a time, and record each attempt only while their claim holds.
/// </summary>
public abstract partial class SqlStore
{
    private const string DeliveryKey = "workspace_id, event_id, subscription_id";

    public async Task<CreatedWebhookSubscription> AddWebhookSubscriptionAsync(
        Workspace workspace, string url, IReadOnlyList<string> events, WebhookFormat format, CancellationToken cancellationToken)
    {
        var address = WebhookUrl.Parse(url);
        var wanted = WebhookEventNames.ParseList(events);
        var secret = WebhookSignature.NewSecret();
        var encrypted = Secrets.Protect(secret);
        var createdAt = Now();
        // Subscriptions are numbered per workspace; two processes adding at once may pick the same number, and the
        // one that loses the race tries the next.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var id = await WriteAsync(
                    """
                    INSERT INTO webhook_subscriptions (workspace_id, id, url, events, format, secret, created_at)
                    VALUES ($1, (SELECT coalesce(max(id), 0) + 1 FROM webhook_subscriptions WHERE workspace_id = $1), $2, $3, $4, $5, $6)
                    RETURNING id
                    """,
                    [workspace.Id, address, string.Join(',', wanted), WebhookFormats.Name(format), encrypted, createdAt],
                    reader => reader.Read() ? reader.GetInt64(0) : throw new InvalidOperationException("the new subscription was not returned"),
                    cancellationToken).ConfigureAwait(false);
                return new CreatedWebhookSubscription(new WebhookSubscription(id, address, wanted, format, createdAt), secret);
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < 5)
            {
            }
        }
    }

    public Task<IReadOnlyList<WebhookSubscription>> ListWebhookSubscriptionsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        ReadWebhookSubscriptionsAsync(workspace, 0, null, cancellationToken);

    public async Task<KeysetPage<WebhookSubscription>> ListWebhookSubscriptionsAsync(
        Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        var after = page.After is { } key ? KeyLong(KeyParts(key, 1)[0]) : 0;
        var subscriptions = await ReadWebhookSubscriptionsAsync(workspace, after, FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(subscriptions, page, subscription => Key(subscription.Id));
    }

    private Task<IReadOnlyList<WebhookSubscription>> ReadWebhookSubscriptionsAsync(
        Workspace workspace, long afterId, int? limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<WebhookSubscription>>(
            $"""
            SELECT id, url, events, format, created_at FROM webhook_subscriptions WHERE workspace_id = $1 AND removed_at IS NULL AND id > $2
            ORDER BY id {(limit is { } most ? $"LIMIT {most}" : "")}
            """,
            [workspace.Id, afterId],
            reader =>
            {
                var subscriptions = new List<WebhookSubscription>();
                while (reader.Read())
                {
                    subscriptions.Add(new WebhookSubscription(
                        reader.GetInt64(0), reader.GetString(1), reader.GetString(2).Split(','), WebhookFormats.Parse(reader.GetString(3)),
                        ReadTime(reader, 4)!.Value));
                }

                return subscriptions;
            }, cancellationToken);

    public async Task<bool> RemoveWebhookSubscriptionAsync(Workspace workspace, long subscriptionId, CancellationToken cancellationToken)
    {
        if (!await IsSubscribedAsync(workspace, subscriptionId, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // The subscription row stays (removed), so the delivery log keeps its URL and its number is never reused.
        await ExecuteAsync(
        [
            ("UPDATE webhook_subscriptions SET removed_at = $3 WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
                [workspace.Id, subscriptionId, Now()]),
            ("""
             UPDATE webhook_deliveries SET status = 'cancelled', next_attempt_at = NULL, claim = NULL
             WHERE workspace_id = $1 AND subscription_id = $2 AND status IN ('pending', 'sending')
             """, [workspace.Id, subscriptionId]),
        ], cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task AddWebhookEventsAsync(Workspace workspace, IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0 ? Task.CompletedTask : ExecuteAsync(WebhookEventStatements(workspace, events), cancellationToken);

    public async Task<Guid?> AddWebhookPingAsync(Workspace workspace, long subscriptionId, CancellationToken cancellationToken)
    {
        if (!await IsSubscribedAsync(workspace, subscriptionId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var now = Now();
        var ping = WebhookEvent.Create(
            WebhookEventNames.Ping, new { Subscription = subscriptionId, Zen = "Help first, sell last." }, now,
            $"Rapport webhook test: subscription {subscriptionId} reaches this channel.");
        var deliveryId = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero));
        await ExecuteAsync(
        [
            InsertEventStatement(workspace, ping, now),
            ($"""
              INSERT INTO webhook_deliveries ({DeliveryKey}, id, status, attempts, next_attempt_at, created_at)
              VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)
              """, [workspace.Id, ping.Id, subscriptionId, deliveryId, now]),
        ], cancellationToken).ConfigureAwait(false);
        return deliveryId;
    }

    public Task<IReadOnlyList<DueWebhookDelivery>> ClaimWebhookDeliveriesAsync(int limit, TimeSpan lease, CancellationToken cancellationToken) =>
        ClaimAsync(Math.Clamp(limit, 1, 1000), lease, _ => "", [], cancellationToken);

    public async Task<DueWebhookDelivery?> ClaimWebhookDeliveryAsync(
        Workspace workspace, Guid deliveryId, TimeSpan lease, CancellationToken cancellationToken) =>
        (await ClaimAsync(1, lease, first => $"AND workspace_id = ${first} AND id = ${first + 1}", [workspace.Id, deliveryId], cancellationToken)
            .ConfigureAwait(false))
            .SingleOrDefault();

    public Task RecordWebhookAttemptAsync(
        DueWebhookDelivery delivery, WebhookAttempt attempt, WebhookDeliveryStatus status, DateTime? nextAttemptAt, CancellationToken cancellationToken)
    {
        object?[] key = [delivery.WorkspaceId, delivery.EventId, delivery.SubscriptionId];
        return ExecuteAsync(
        [
            ($"""
              INSERT INTO webhook_attempts ({DeliveryKey}, attempt, attempted_at, duration_ms, status_code, error)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
              """,
                [.. key, (long)attempt.Number, attempt.At, attempt.DurationMs, (long?)attempt.StatusCode, Truncate(attempt.Error, 500)]),
            // Only while the claim is still this worker's: a worker whose lease ran out has lost the delivery to another.
            ("""
             UPDATE webhook_deliveries SET status = $4, attempts = $5, next_attempt_at = $6, claim = NULL,
               last_status_code = $7, last_error = $8, delivered_at = $9
             WHERE workspace_id = $1 AND event_id = $2 AND subscription_id = $3 AND claim = $10
             """,
                [
                    .. key, WebhookDeliveryStatuses.Name(status), (long)attempt.Number, nextAttemptAt, (long?)attempt.StatusCode,
                    Truncate(attempt.Error, 500), status == WebhookDeliveryStatus.Delivered ? attempt.At : null, delivery.Claim,
                ]),
        ], cancellationToken);
    }

    public Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(
        Workspace workspace, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken) =>
        ReadWebhookDeliveriesAsync(workspace, status, null, Math.Clamp(limit, 1, 10_000), cancellationToken);

    public async Task<KeysetPage<WebhookDelivery>> ListWebhookDeliveriesAsync(
        Workspace workspace, WebhookDeliveryStatus? status, KeysetRequest page, CancellationToken cancellationToken)
    {
        var after = page.After is { } key ? KeyParts(key, 2) : null;
        var rows = await ReadWebhookDeliveriesAsync(
            workspace, status, after is null ? null : (KeyTime(after[0]), KeyGuid(after[1])), FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(rows, page, delivery => Key(delivery.CreatedAt, delivery.Id));
    }

    private async Task<IReadOnlyList<WebhookDelivery>> ReadWebhookDeliveriesAsync(
        Workspace workspace, WebhookDeliveryStatus? status, (DateTime CreatedAt, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        List<object?> parameters = [workspace.Id];
        var where = "";
        if (status is { } only)
        {
            parameters.Add(WebhookDeliveryStatuses.Name(only));
            where += $" AND d.status = ${parameters.Count}";
        }

        if (after is { } last)
        {
            parameters.AddRange([last.CreatedAt, last.Id]);
            where += " AND " + AfterKey("d.created_at", true, "d.id", false, parameters.Count - 1);
        }

        var rows = await QueryAsync(
            $"""
            SELECT d.id, d.subscription_id, s.url, d.event_id, e.name, d.created_at, d.status, d.attempts, d.next_attempt_at,
                   d.last_status_code, d.last_error, d.delivered_at
            FROM webhook_deliveries d
            JOIN webhook_events e ON e.workspace_id = d.workspace_id AND e.id = d.event_id
            JOIN webhook_subscriptions s ON s.workspace_id = d.workspace_id AND s.id = d.subscription_id
            WHERE d.workspace_id = $1{where}
            ORDER BY d.created_at DESC, d.id
            LIMIT {limit}
            """,
            [.. parameters],
            reader =>
            {
                var list = new List<WebhookDelivery>();
                while (reader.Read())
                {
                    var state = WebhookDeliveryStatuses.Parse(reader.GetString(6));
                    list.Add(new WebhookDelivery(
                        reader.GetGuid(0), reader.GetInt64(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), ReadTime(reader, 5)!.Value,
                        state, (int)reader.GetInt64(7), state == WebhookDeliveryStatus.Pending ? ReadTime(reader, 8) : null,
                        reader.IsDBNull(9) ? null : (int)reader.GetInt64(9), ReadText(reader, 10), ReadTime(reader, 11), []));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return rows;
        }

        var eventIds = rows.Select(row => row.EventId).Distinct().ToArray();
        var attempts = await QueryAsync(
            $"""
            SELECT event_id, subscription_id, attempt, attempted_at, duration_ms, status_code, error FROM webhook_attempts
            WHERE workspace_id = $1 AND event_id IN ({Placeholders(2, eventIds.Length)})
            ORDER BY attempt
            """,
            [workspace.Id, .. eventIds.Cast<object?>()],
            reader =>
            {
                var byDelivery = new Dictionary<(Guid, long), List<WebhookAttempt>>();
                while (reader.Read())
                {
                    var key = (reader.GetGuid(0), reader.GetInt64(1));
                    if (!byDelivery.TryGetValue(key, out var list))
                    {
                        byDelivery[key] = list = [];
                    }

                    list.Add(new WebhookAttempt((int)reader.GetInt64(2), ReadTime(reader, 3)!.Value, reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : (int)reader.GetInt64(5), ReadText(reader, 6)));
                }

                return byDelivery;
            }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row with { AttemptLog = attempts.GetValueOrDefault((row.EventId, row.SubscriptionId)) ?? [] })];
    }

    /// <summary>
    /// The statements that store events and fan them out to the subscriptions that want them, to run in the caller's
    /// transaction (a lead refresh announces its new leads in the transaction that adds them). Events go in a few
    /// hundred to a statement: one statement per event costs DuckDB milliseconds each.
    /// </summary>
    private protected List<(string Sql, object?[] Parameters)> WebhookEventStatements(Workspace workspace, IReadOnlyList<WebhookEvent> events)
    {
        if (events.FirstOrDefault(announced => !WebhookEventNames.IsValid(announced.Name)) is { } invalid)
        {
            throw new ArgumentException($"'{invalid.Name}' is not an event name", nameof(events));
        }

        var now = Now();
        var statements = new List<(string, object?[])>();
        foreach (var chunk in events.DistinctBy(announced => announced.Id).Chunk(RowsPerStatement))
        {
            var rows = new List<string>(chunk.Length);
            var parameters = new List<object?> { workspace.Id, now };
            foreach (var announced in chunk)
            {
                var p = parameters.Count + 1;
                rows.Add($"($1, ${p}, ${p + 1}, CAST(${p + 2} AS JSON), ${p + 3}, ${p + 4}, $2)");
                parameters.AddRange([announced.Id, announced.Name, announced.Payload, announced.Text, announced.OccurredAt]);
            }

            statements.Add((
                $"""
                 INSERT INTO webhook_events (workspace_id, id, name, payload, text, occurred_at, created_at)
                 VALUES {string.Join(", ", rows)} ON CONFLICT DO NOTHING
                 """,
                [.. parameters]));

            // A repeated event finds its deliveries already there (the key is the event and the subscription).
            statements.Add((
                $"""
                 INSERT INTO webhook_deliveries ({DeliveryKey}, id, status, attempts, next_attempt_at, created_at)
                 SELECT e.workspace_id, e.id, s.id, gen_random_uuid(), 'pending', 0, $2, $2
                 FROM webhook_events e
                 JOIN webhook_subscriptions s ON s.workspace_id = e.workspace_id
                 WHERE e.workspace_id = $1 AND e.id IN ({Placeholders(3, chunk.Length)}) AND s.removed_at IS NULL
                   AND ((s.events = '*' AND e.name <> 'ping') OR position(',' || e.name || ',' IN ',' || s.events || ',') > 0)
                 ON CONFLICT DO NOTHING
                 """,
                [workspace.Id, now, .. chunk.Select(announced => (object?)announced.Id)]));
        }

        return statements;
    }

    /// <summary>How many rows one multi-row statement writes: well under PostgreSQL's 65,535 parameters.</summary>
    private protected const int RowsPerStatement = 500;

    private static (string Sql, object?[] Parameters) InsertEventStatement(Workspace workspace, WebhookEvent announced, DateTime now) => (
        """
        INSERT INTO webhook_events (workspace_id, id, name, payload, text, occurred_at, created_at)
        VALUES ($1, $2, $3, CAST($4 AS JSON), $5, $6, $7) ON CONFLICT DO NOTHING
        """,
        [workspace.Id, announced.Id, announced.Name, announced.Payload, announced.Text, announced.OccurredAt, now]);

    private async Task<IReadOnlyList<DueWebhookDelivery>> ClaimAsync(
        int limit, TimeSpan lease, Func<int, string> condition, object?[] conditionParameters, CancellationToken cancellationToken)
    {
        var now = Now();
        // Looking first costs a read; claiming takes the writer (on DuckDB, the one ingest also uses). An idle worker
        // polling an empty outbox only ever reads.
        var anyDue = await QueryAsync(
            $"SELECT count(*) FROM (SELECT 1 FROM webhook_deliveries WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 {condition(2)} LIMIT 1) due",
            [now, .. conditionParameters],
            reader => reader.Read() && reader.GetInt64(0) > 0, cancellationToken).ConfigureAwait(false);
        if (!anyDue)
        {
            return [];
        }

        var claim = Guid.NewGuid();
        var claimed = await WriteAsync(
            $"""
            UPDATE webhook_deliveries SET status = 'sending', claim = $2, next_attempt_at = $3
            WHERE ({DeliveryKey}) IN (
              SELECT {DeliveryKey} FROM webhook_deliveries
              WHERE status IN ('pending', 'sending') AND next_attempt_at <= $1 {condition(4)}
              ORDER BY next_attempt_at
              LIMIT {limit}{ClaimRowsClause})
            RETURNING {DeliveryKey}
            """,
            [now, claim, now + lease, .. conditionParameters],
            reader =>
            {
                var keys = new List<(int Workspace, Guid Event, long Subscription)>();
                while (reader.Read())
                {
                    keys.Add((reader.GetInt32(0), reader.GetGuid(1), reader.GetInt64(2)));
                }

                return keys;
            }, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return [];
        }

        var parameters = new List<object?> { claim };
        var which = new List<string>();
        foreach (var (workspace, eventId, subscription) in claimed)
        {
            parameters.AddRange([workspace, eventId, subscription]);
            which.Add($"(d.workspace_id = ${parameters.Count - 2} AND d.event_id = ${parameters.Count - 1} AND d.subscription_id = ${parameters.Count})");
        }

        var stored = await QueryAsync<IReadOnlyList<DueWebhookDelivery>>(
            $"""
            SELECT d.workspace_id, w.slug, d.id, d.subscription_id, s.url, s.format, s.secret, d.event_id, e.name,
                   CAST(e.payload AS VARCHAR), e.text, e.occurred_at, d.attempts
            FROM webhook_deliveries d
            JOIN webhook_events e ON e.workspace_id = d.workspace_id AND e.id = d.event_id
            JOIN webhook_subscriptions s ON s.workspace_id = d.workspace_id AND s.id = d.subscription_id
            JOIN workspaces w ON w.id = d.workspace_id
            WHERE d.claim = $1 AND ({string.Join(" OR ", which)})
            ORDER BY d.created_at
            """,
            [.. parameters],
            reader =>
            {
                var due = new List<DueWebhookDelivery>();
                while (reader.Read())
                {
                    due.Add(new DueWebhookDelivery(
                        reader.GetInt32(0), reader.GetString(1), reader.GetGuid(2), claim, reader.GetInt64(3), reader.GetString(4),
                        WebhookFormats.Parse(reader.GetString(5)), reader.GetString(6), reader.GetGuid(7), reader.GetString(8), reader.GetString(9),
                        ReadText(reader, 10), ReadTime(reader, 11)!.Value, (int)reader.GetInt64(12)));
                }

                return due;
            }, cancellationToken).ConfigureAwait(false);
        return [.. stored.Select(delivery => delivery with { Secret = Secrets.Reveal(delivery.Secret) })];
    }

    private Task<bool> IsSubscribedAsync(Workspace workspace, long subscriptionId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT count(*) FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2 AND removed_at IS NULL",
            [workspace.Id, subscriptionId], reader => reader.Read() && reader.GetInt64(0) > 0, cancellationToken);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

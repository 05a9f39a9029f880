using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Storage.Tests.Postgres;
using Rapport.Webhooks;

namespace Rapport.Tests.Webhooks;

/// <summary>
/// Deliveries from a real store (a DuckDB file, or PostgreSQL where said) to a real receiver over HTTP on 127.0.0.1,
/// with a fake clock for the retry schedule.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start));
    private readonly HttpClient _http = WebhookDeliverer.CreateHttpClient(allowPrivateNetwork: true);
    private readonly List<IRapportStore> _stores = [];
    private string? _database;
    private WebhookReceiver _receiver = null!;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _store = Open(_directory.File("rapport.duckdb"));
        _workspace = await _store.GetOrCreateWorkspaceAsync("acme", Token);
    }

    [Fact]
    public async Task A_delivery_carries_its_event_and_id_and_its_signature_verifies_with_the_secret()
    {
        var created = await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url(), ["drql.created"], WebhookFormat.Json, Token);
        var announced = WebhookEvent.Create("drql.created", new { Lead = new { Id = 1, Name = "Acme" } }, Start, "Acme qualified");
        await _store.AddWebhookEventsAsync(_workspace, [announced], Token);

        var summary = await Deliverer().DeliverDueAsync(Token);

        Assert.Equal(new WebhookPassSummary(1, 0, 0), summary);
        var received = Assert.Single(_receiver.Received);
        Assert.True(WebhookSignature.Verify(created.Secret, received.Body, received.Header("X-Rapport-Signature-256")));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), received.Body, received.Header("X-Rapport-Signature-256")));
        Assert.Equal("drql.created", received.Header("X-Rapport-Event"));
        Assert.Equal("application/json", received.Header("Content-Type"));
        Assert.StartsWith("Rapport-Webhooks/1", received.Header("User-Agent"), StringComparison.Ordinal);
        var delivery = Assert.Single(await _store.ListWebhookDeliveriesAsync(_workspace, null, 10, Token));
        Assert.Equal(delivery.Id.ToString(), received.Header("X-Rapport-Delivery"));
        Assert.Equal(
            $$"""{"id":"{{announced.Id}}","event":"drql.created","occurredAt":"2026-04-01T09:00:00Z","workspace":"acme",""" +
            "\"data\":{\"lead\":{\"id\":1,\"name\":\"Acme\"}}}",
            received.Text);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 200, Start), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.DeliveredAt));
    }

    [Fact]
    public async Task A_receiver_failing_twice_then_answering_gets_three_attempts_with_growing_delays_all_in_the_log()
    {
        var created = await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url(), ["member.stalled"], WebhookFormat.Json, Token);
        await _store.AddWebhookEventsAsync(_workspace, [WebhookEvent.Create("member.stalled", new { Member = 7 }, Start)], Token);
        _receiver.AnswerWith(500, 503);
        var deliverer = Deliverer();

        Assert.Equal(new WebhookPassSummary(0, 1, 0), await deliverer.DeliverDueAsync(Token));
        // Not due again until the first delay (1 minute, stretched by the jitter of 0.5 to 67.5 s) has passed.
        _clock.Advance(TimeSpan.FromSeconds(67));
        Assert.Equal(new WebhookPassSummary(0, 0, 0), await deliverer.DeliverDueAsync(Token));
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(new WebhookPassSummary(0, 1, 0), await deliverer.DeliverDueAsync(Token));
        _clock.Advance(TimeSpan.FromSeconds(135));
        Assert.Equal(new WebhookPassSummary(1, 0, 0), await deliverer.DeliverDueAsync(Token));

        var delivery = Assert.Single(await _store.ListWebhookDeliveriesAsync(_workspace, null, 10, Token));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3), (delivery.Status, delivery.Attempts));
        Assert.Equal([500, 503, 200], delivery.AttemptLog.Select(attempt => attempt.StatusCode ?? 0));
        Assert.Equal([Start, Start.AddSeconds(67.5), Start.AddSeconds(202.5)], delivery.AttemptLog.Select(attempt => attempt.At));
        Assert.Equal("HTTP 500 Internal Server Error: receiver says no second line", delivery.AttemptLog[0].Error);
        Assert.Null(delivery.AttemptLog[2].Error);
        var gaps = delivery.AttemptLog.Zip(delivery.AttemptLog.Skip(1), (before, after) => after.At - before.At).ToList();
        Assert.True(gaps[1] > gaps[0], $"the second delay ({gaps[1]}) is longer than the first ({gaps[0]})");

        // The receiver saw the same delivery three times: one id, one body, one valid signature.
        Assert.Equal(3, _receiver.Received.Count);
        Assert.Single(_receiver.Received.Select(received => received.Header("X-Rapport-Delivery")).Distinct());
        Assert.Single(_receiver.Received.Select(received => received.Text).Distinct());
        Assert.All(_receiver.Received, received => Assert.True(WebhookSignature.Verify(created.Secret, received.Body, received.Header("X-Rapport-Signature-256"))));
    }

    [Fact]
    public async Task A_dead_receiver_ends_as_failed_after_the_last_attempt_the_policy_allows()
    {
        var deadUrl = _receiver.Url();
        await _receiver.DisposeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        await _store.AddWebhookSubscriptionAsync(_workspace, deadUrl, ["drql.created"], WebhookFormat.Json, Token);
        await _store.AddWebhookEventsAsync(_workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Start)], Token);
        var deliverer = Deliverer(new WebhookRetryPolicy { MaxAttempts = 3, FirstDelay = TimeSpan.FromSeconds(10) });

        var passes = new List<WebhookPassSummary>();
        for (var pass = 0; pass < 4; pass++)
        {
            passes.Add(await deliverer.DeliverDueAsync(Token));
            _clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal([new(0, 1, 0), new(0, 1, 0), new(0, 0, 1), new(0, 0, 0)], passes);
        var delivery = Assert.Single(await _store.ListWebhookDeliveriesAsync(_workspace, WebhookDeliveryStatus.Failed, 10, Token));
        Assert.Equal((3, (DateTime?)null, (int?)null), (delivery.Attempts, delivery.NextAttemptAt, delivery.LastStatusCode));
        Assert.All(delivery.AttemptLog, attempt => Assert.Null(attempt.StatusCode));
        Assert.All(delivery.AttemptLog, attempt => Assert.Contains("refused", attempt.Error, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_counts_as_a_failed_attempt()
    {
        await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url(), ["drql.created"], WebhookFormat.Json, Token);
        await _store.AddWebhookEventsAsync(_workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Start)], Token);
        _receiver.Delay = TimeSpan.FromSeconds(5);

        var summary = await Deliverer(timeout: TimeSpan.FromMilliseconds(300)).DeliverDueAsync(Token);

        Assert.Equal(new WebhookPassSummary(0, 1, 0), summary);
        var attempt = Assert.Single(Assert.Single(await _store.ListWebhookDeliveriesAsync(_workspace, null, 10, Token)).AttemptLog);
        Assert.Equal(((int?)null, "no answer within 0.3 s"), (attempt.StatusCode, attempt.Error));
    }

    [Fact]
    public async Task Ingest_commits_while_a_delivery_is_waiting_for_a_slow_receiver()
    {
        await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url(), ["drql.created"], WebhookFormat.Json, Token);
        await _store.AddWebhookEventsAsync(_workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Start)], Token);
        _receiver.Delay = TimeSpan.FromMinutes(5);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var pass = Deliverer(timeout: TimeSpan.FromMinutes(10)).DeliverDueAsync(stop.Token);
        while (_receiver.Started == 0)
        {
            await Task.Delay(20, Token);
        }

        await using (var session = await _store.BeginIngestAsync(_workspace, Token))
        {
            await session.AddAsync([Connectors.Segment.SegmentMessageParser.Parse(
                """{"type":"track","messageId":"during-delivery","userId":"ada","event":"API Called","timestamp":"2026-04-01T09:00:00Z"}"""u8.ToArray(),
                Start)], Token);
            Assert.Equal(1, (await session.CommitAsync(Token)).ActivitiesStored);
        }

        Assert.False(pass.IsCompleted, "the delivery is still waiting for the receiver");
        Assert.Equal(1, (await _store.GetStatsAsync(_workspace, Token)).Activities);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);
    }

    [Fact]
    public async Task A_slack_subscription_gets_a_signed_text_message()
    {
        var created = await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url("services/T0/B0/x"), ["drql.created"], WebhookFormat.Slack, Token);
        await _store.AddWebhookEventsAsync(_workspace,
            [WebhookEvent.Create("drql.created", new { Lead = 1 }, Start, "New DevRel-qualified lead: Acme <3 developers at build>")], Token);

        await Deliverer().DeliverDueAsync(Token);

        var received = Assert.Single(_receiver.Received);
        Assert.Equal("/services/T0/B0/x", received.Path);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal(["text"], body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal("[acme] New DevRel-qualified lead: Acme &lt;3 developers at build&gt;", body.RootElement.GetProperty("text").GetString());
        Assert.True(WebhookSignature.Verify(created.Secret, received.Body, received.Header("X-Rapport-Signature-256")));
    }

    [Fact]
    public async Task A_test_ping_is_sent_at_once_to_its_subscription_only()
    {
        await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url("one"), ["*"], WebhookFormat.Json, Token);
        await _store.AddWebhookSubscriptionAsync(_workspace, _receiver.Url("two"), ["*"], WebhookFormat.Json, Token);
        var deliveryId = await _store.AddWebhookPingAsync(_workspace, 2, Token);

        var result = await Deliverer().DeliverNowAsync(_workspace, deliveryId!.Value, Token);

        Assert.NotNull(result);
        Assert.Equal((200, WebhookDeliveryStatus.Delivered), (result.Value.Attempt.StatusCode, result.Value.Status));
        var received = Assert.Single(_receiver.Received);
        Assert.Equal(("/two", "ping"), (received.Path, received.Header("X-Rapport-Event")));
        Assert.Contains("\"data\":{\"subscription\":2,\"zen\":\"Help first, sell last.\"}", received.Text, StringComparison.Ordinal);
        Assert.Null(await Deliverer().DeliverNowAsync(_workspace, deliveryId.Value, Token));
    }

    [Fact]
    public async Task With_two_workers_on_one_PostgreSQL_each_event_is_delivered_once()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync(Token);
        IRapportStore[] processes = [Open(_database), Open(_database)];
        var workspace = await processes[0].GetOrCreateWorkspaceAsync("acme", Token);
        await processes[0].AddWebhookSubscriptionAsync(workspace, _receiver.Url("a"), ["member.stalled"], WebhookFormat.Json, Token);
        await processes[0].AddWebhookSubscriptionAsync(workspace, _receiver.Url("b"), ["*"], WebhookFormat.Slack, Token);
        var events = Enumerable.Range(0, 40).Select(i => WebhookEvent.Create("member.stalled", new { Member = i }, Start)).ToList();
        await processes[0].AddWebhookEventsAsync(workspace, events, Token);

        var summaries = await Task.WhenAll(processes.Select(process => Task.Run(() => Deliverer(store: process).DeliverDueAsync(Token), Token)));

        Assert.Equal(80, summaries.Sum(summary => summary.Delivered));
        Assert.All(summaries, summary => Assert.True(summary.Delivered > 0, "both processes delivered some"));
        Assert.Equal(80, _receiver.Received.Count);
        Assert.Equal(80, _receiver.Received.Select(received => received.Header("X-Rapport-Delivery")).Distinct().Count());
        Assert.Equal(40, _receiver.Received.Where(received => received.Path == "/a").Select(received => received.Text).Distinct().Count());
        Assert.Empty(await processes[1].ListWebhookDeliveriesAsync(workspace, WebhookDeliveryStatus.Pending, 100, Token));
        Assert.All(await processes[1].ListWebhookDeliveriesAsync(workspace, null, 100, Token), delivery => Assert.Equal(1, delivery.Attempts));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_database is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }

        await _receiver.DisposeAsync();
        _http.Dispose();
        _directory.Dispose();
    }

    private WebhookDeliverer Deliverer(WebhookRetryPolicy? retry = null, TimeSpan? timeout = null, IRapportStore? store = null) => new(
        store ?? _store, _http, _clock,
        new WebhookDeliveryOptions { Retry = retry ?? WebhookRetryPolicy.Default, Timeout = timeout ?? TimeSpan.FromSeconds(10) },
        NullLogger.Instance, jitter: () => 0.5);

    private IRapportStore Open(string location)
    {
        var store = RapportStore.Open(location, _clock);
        _stores.Add(store);
        return store;
    }
}

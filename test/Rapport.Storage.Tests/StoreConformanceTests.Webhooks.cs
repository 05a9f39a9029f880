using Rapport.Core.Webhooks;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Webhook_subscriptions_are_numbered_listed_and_removed_and_their_secret_is_returned_once()
    {
        var first = await Store.AddWebhookSubscriptionAsync(
            Workspace, "https://hooks.example.com/rapport", ["drql.created, member.stalled"], WebhookFormat.Json, Token);
        var second = await Store.AddWebhookSubscriptionAsync(Workspace, "http://127.0.0.1:9/slack", ["*"], WebhookFormat.Slack, Token);

        Assert.Equal(1, first.Subscription.Id);
        Assert.Equal(2, second.Subscription.Id);
        Assert.Matches("^[0-9a-f]{64}$", first.Secret);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Equal(["member.stalled", "drql.created"], first.Subscription.Events);
        var listed = await Store.ListWebhookSubscriptionsAsync(Workspace, Token);
        Assert.Equal(
            [(1L, "https://hooks.example.com/rapport", "member.stalled,drql.created", WebhookFormat.Json), (2L, "http://127.0.0.1:9/slack", "*", WebhookFormat.Slack)],
            listed.Select(s => (s.Id, s.Url, string.Join(',', s.Events), s.Format)));
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, listed[0].CreatedAt);

        Assert.True(await Store.RemoveWebhookSubscriptionAsync(Workspace, 1, Token));
        Assert.False(await Store.RemoveWebhookSubscriptionAsync(Workspace, 1, Token));
        Assert.False(await Store.RemoveWebhookSubscriptionAsync(Workspace, 99, Token));
        var third = await Store.AddWebhookSubscriptionAsync(Workspace, "https://hooks.example.com/again", ["drql.created"], WebhookFormat.Json, Token);
        Assert.Equal(3, third.Subscription.Id);
        Assert.Equal([2L, 3L], (await Store.ListWebhookSubscriptionsAsync(Workspace, Token)).Select(s => s.Id));
    }

    [Theory]
    [InlineData("ftp://files.example.com/hook", "drql.created")]
    [InlineData("file:///etc/passwd", "drql.created")]
    [InlineData("/relative/path", "drql.created")]
    [InlineData("https://hooks.example.com", "drql.made_up")]
    [InlineData("https://hooks.example.com", "ping")]
    [InlineData("https://hooks.example.com", " , ")]
    public async Task A_subscription_to_a_URL_that_is_not_http_or_to_an_unknown_event_is_refused(string url, string events)
    {
        await Assert.ThrowsAsync<FormatException>(() => Store.AddWebhookSubscriptionAsync(Workspace, url, [events], WebhookFormat.Json, Token));

        Assert.Empty(await Store.ListWebhookSubscriptionsAsync(Workspace, Token));
    }

    [Fact]
    public async Task An_event_is_queued_once_for_each_subscription_that_wants_it()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/", ["drql.created"], WebhookFormat.Json, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://b.example.com/", ["member.stalled"], WebhookFormat.Json, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://c.example.com/", ["*"], WebhookFormat.Slack, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://d.example.com/", ["drql.created"], WebhookFormat.Json, Token);
        await Store.RemoveWebhookSubscriptionAsync(Workspace, 4, Token);
        var other = await Store.GetOrCreateWorkspaceAsync("other", Token);
        await Store.AddWebhookSubscriptionAsync(other, "https://e.example.com/", ["*"], WebhookFormat.Json, Token);
        var lead = WebhookEvent.Create("drql.created", new { Lead = "Acme" }, Utc(3, 1), "Acme qualified", idempotencyKey: "organization:acme");
        var stalled = WebhookEvent.Create("member.stalled", new { Member = 7 }, Utc(3, 2));

        await Store.AddWebhookEventsAsync(Workspace, [lead, stalled], Token);
        await Store.AddWebhookEventsAsync(Workspace, [lead], Token);

        var deliveries = await Store.ListWebhookDeliveriesAsync(Workspace, null, 100, Token);
        Assert.Equal(
            ["drql.created https://a.example.com/", "drql.created https://c.example.com/", "member.stalled https://b.example.com/", "member.stalled https://c.example.com/"],
            deliveries.Select(d => $"{d.Event} {d.Url}").Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryStatus.Pending, 0, Clock.GetUtcNow().UtcDateTime), (d.Status, d.Attempts, d.NextAttemptAt)));
        Assert.Equal(4, deliveries.Select(d => d.Id).Distinct().Count());
        Assert.Empty(await Store.ListWebhookDeliveriesAsync(other, null, 100, Token));
    }

    [Fact]
    public async Task A_claimed_delivery_carries_its_event_and_secret_and_is_not_claimed_again_while_the_lease_holds()
    {
        var subscription = await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/hook", ["drql.created"], WebhookFormat.Json, Token);
        var announced = WebhookEvent.Create("drql.created", new { Lead = new { Name = "Acme" } }, Utc(3, 1, 12), "Acme qualified");
        await Store.AddWebhookEventsAsync(Workspace, [announced], Token);

        var claimed = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));

        Assert.Equal(
            (Workspace.Id, "default", subscription.Subscription.Id, "https://a.example.com/hook", WebhookFormat.Json, subscription.Secret),
            (claimed.WorkspaceId, claimed.Workspace, claimed.SubscriptionId, claimed.Url, claimed.Format, claimed.Secret));
        Assert.Equal((announced.Id, "drql.created", """{"lead":{"name":"Acme"}}""", "Acme qualified", Utc(3, 1, 12), 0),
            (claimed.EventId, claimed.Event, claimed.Payload, claimed.Text, claimed.OccurredAt, claimed.AttemptsBefore));
        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        Assert.Equal(WebhookDeliveryStatus.Sending, (await Store.ListWebhookDeliveriesAsync(Workspace, null, 10, Token))[0].Status);

        // A worker that died holding the claim lets it go when the lease ends; the next worker gets a new claim.
        Clock.Advance(Lease);
        var again = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        Assert.Equal(claimed.DeliveryId, again.DeliveryId);
        Assert.NotEqual(claimed.Claim, again.Claim);
    }

    [Fact]
    public async Task Attempts_are_logged_and_move_a_delivery_to_its_retry_then_to_delivered()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/hook", ["drql.created"], WebhookFormat.Json, Token);
        await Store.AddWebhookEventsAsync(Workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Utc(3, 1))], Token);
        var start = Clock.GetUtcNow().UtcDateTime;

        var first = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        await Store.RecordWebhookAttemptAsync(first, new WebhookAttempt(1, start, 120, 503, "Service Unavailable"),
            WebhookDeliveryStatus.Pending, start.AddMinutes(1), Token);

        var pending = Assert.Single(await Store.ListWebhookDeliveriesAsync(Workspace, null, 10, Token));
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, start.AddMinutes(1), 503, "Service Unavailable"),
            (pending.Status, pending.Attempts, pending.NextAttemptAt, pending.LastStatusCode, pending.LastError));
        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));

        Clock.Advance(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        Assert.Equal(1, second.AttemptsBefore);
        var at = Clock.GetUtcNow().UtcDateTime;
        await Store.RecordWebhookAttemptAsync(second, new WebhookAttempt(2, at, 35, 200, null), WebhookDeliveryStatus.Delivered, null, Token);

        var delivered = Assert.Single(await Store.ListWebhookDeliveriesAsync(Workspace, WebhookDeliveryStatus.Delivered, 10, Token));
        Assert.Equal((2, (DateTime?)null, 200, (string?)null, (DateTime?)at), (delivered.Attempts, delivered.NextAttemptAt, delivered.LastStatusCode, delivered.LastError, delivered.DeliveredAt));
        Assert.Equal([(1, start, 120L, (int?)503, "Service Unavailable"), (2, at, 35L, 200, null)],
            delivered.AttemptLog.Select(a => (a.Number, a.At, a.DurationMs, a.StatusCode, a.Error)));
        Assert.Empty(await Store.ListWebhookDeliveriesAsync(Workspace, WebhookDeliveryStatus.Pending, 10, Token));
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
    }

    [Fact]
    public async Task A_worker_whose_lease_ran_out_cannot_record_over_the_worker_that_claimed_after_it()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/hook", ["drql.created"], WebhookFormat.Json, Token);
        await Store.AddWebhookEventsAsync(Workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Utc(3, 1))], Token);
        var slow = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        Clock.Advance(Lease);
        var fast = Assert.Single(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        var now = Clock.GetUtcNow().UtcDateTime;

        await Store.RecordWebhookAttemptAsync(fast, new WebhookAttempt(1, now, 10, 204, null), WebhookDeliveryStatus.Delivered, null, Token);
        await Store.RecordWebhookAttemptAsync(slow, new WebhookAttempt(1, now, 60_000, null, "timed out"), WebhookDeliveryStatus.Pending, now.AddMinutes(1), Token);

        var delivery = Assert.Single(await Store.ListWebhookDeliveriesAsync(Workspace, null, 10, Token));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 204), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public async Task A_ping_goes_to_its_subscription_only_and_can_be_claimed_by_its_id()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/", ["*"], WebhookFormat.Json, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://b.example.com/", ["*"], WebhookFormat.Slack, Token);

        var deliveryId = await Store.AddWebhookPingAsync(Workspace, 2, Token);

        Assert.NotNull(deliveryId);
        Assert.Null(await Store.AddWebhookPingAsync(Workspace, 3, Token));
        var claimed = await Store.ClaimWebhookDeliveryAsync(Workspace, deliveryId.Value, Lease, Token);
        Assert.NotNull(claimed);
        Assert.Equal(("ping", 2L, WebhookFormat.Slack), (claimed.Event, claimed.SubscriptionId, claimed.Format));
        Assert.Contains("\"subscription\":2", claimed.Payload, StringComparison.Ordinal);
        Assert.Null(await Store.ClaimWebhookDeliveryAsync(Workspace, deliveryId.Value, Lease, Token));
        Assert.Equal(["ping https://b.example.com/"], (await Store.ListWebhookDeliveriesAsync(Workspace, null, 10, Token)).Select(d => $"{d.Event} {d.Url}"));
    }

    [Fact]
    public async Task Removing_a_subscription_cancels_its_unfinished_deliveries_and_keeps_the_log()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/", ["drql.created"], WebhookFormat.Json, Token);
        await Store.AddWebhookEventsAsync(Workspace, [WebhookEvent.Create("drql.created", new { Lead = 1 }, Utc(3, 1))], Token);

        await Store.RemoveWebhookSubscriptionAsync(Workspace, 1, Token);

        Assert.Empty(await Store.ClaimWebhookDeliveriesAsync(10, Lease, Token));
        var cancelled = Assert.Single(await Store.ListWebhookDeliveriesAsync(Workspace, null, 10, Token));
        Assert.Equal((WebhookDeliveryStatus.Cancelled, "https://a.example.com/", (DateTime?)null), (cancelled.Status, cancelled.Url, cancelled.NextAttemptAt));
        var (reopened, workspace) = await ReopenAsync();
        Assert.Equal(WebhookDeliveryStatus.Cancelled, Assert.Single(await reopened.ListWebhookDeliveriesAsync(workspace, null, 10, Token)).Status);
    }

    [Fact]
    public async Task More_events_than_one_statement_holds_are_all_stored_and_queued()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/", ["member.stalled"], WebhookFormat.Json, Token);
        var events = Enumerable.Range(0, 1_201).Select(i => WebhookEvent.Create("member.stalled", new { Member = i }, Utc(3, 1), idempotencyKey: $"{i}")).ToList();

        await Store.AddWebhookEventsAsync(Workspace, [.. events, events[7]], Token);

        var deliveries = await Store.ListWebhookDeliveriesAsync(Workspace, null, 10_000, Token);
        Assert.Equal(1_201, deliveries.Count);
        Assert.Equal(events.Select(e => e.Id).Order(), deliveries.Select(d => d.EventId).Order());
    }
}

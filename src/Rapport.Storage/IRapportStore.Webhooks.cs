using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Outbound webhooks: a workspace's subscriptions, the outbox of events it announces, and their deliveries.
/// <see cref="AddWebhookEventsAsync"/> is how any feature announces something (docs/webhooks.md#announcing-an-event).
/// </summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Subscribes <paramref name="url"/> (http or https) to <paramref name="events"/> (<see cref="WebhookEventNames.ParseList"/>);
    /// the answer carries the new signing secret, which is never shown again.
    /// </summary>
    Task<CreatedWebhookSubscription> AddWebhookSubscriptionAsync(
        Workspace workspace, string url, IReadOnlyList<string> events, WebhookFormat format, CancellationToken cancellationToken);

    /// <summary>The workspace's subscriptions, oldest first; removed ones are left out.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListWebhookSubscriptionsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>A page of the active subscriptions, oldest (lowest id) first, read by keyset.</summary>
    Task<KeysetPage<WebhookSubscription>> ListWebhookSubscriptionsAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>Removes a subscription and cancels its unfinished deliveries; <c>false</c> when there is no such subscription.</summary>
    Task<bool> RemoveWebhookSubscriptionAsync(Workspace workspace, long subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// The one way to announce events to outbound webhooks: stores the events and, in the same transaction, a pending
    /// delivery of each to every subscription that wants it. Returns at once; the delivery workers (<c>rapport
    /// serve</c>, <c>rapport webhooks deliver</c>) send them, so announcing never waits for a receiver. An event whose
    /// id is already stored is stored once.
    /// </summary>
    Task AddWebhookEventsAsync(Workspace workspace, IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken);

    /// <summary>Queues a <c>ping</c> event for one subscription only; its delivery's id, or <c>null</c> when there is no such subscription.</summary>
    Task<Guid?> AddWebhookPingAsync(Workspace workspace, long subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> deliveries that are due, across every workspace of the store, for
    /// <paramref name="lease"/>: no other worker (of this or another process) claims them until the lease ends or
    /// the attempt is recorded. Oldest due first.
    /// </summary>
    Task<IReadOnlyList<DueWebhookDelivery>> ClaimWebhookDeliveriesAsync(int limit, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Claims one delivery if it is due (a test's ping, sent at once); <c>null</c> when it is not due or another worker has it.</summary>
    Task<DueWebhookDelivery?> ClaimWebhookDeliveryAsync(Workspace workspace, Guid deliveryId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Logs an attempt at a claimed delivery and moves it to <paramref name="status"/> (due again at
    /// <paramref name="nextAttemptAt"/> when pending), if the claim is still this worker's.
    /// </summary>
    Task RecordWebhookAttemptAsync(
        DueWebhookDelivery delivery, WebhookAttempt attempt, WebhookDeliveryStatus status, DateTime? nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>The delivery log, newest first, with every attempt of each delivery.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(
        Workspace workspace, WebhookDeliveryStatus? status, int limit, CancellationToken cancellationToken);

    /// <summary>A page of the delivery log, newest first (creation time, then id), read by keyset.</summary>
    Task<KeysetPage<WebhookDelivery>> ListWebhookDeliveriesAsync(
        Workspace workspace, WebhookDeliveryStatus? status, KeysetRequest page, CancellationToken cancellationToken);
}

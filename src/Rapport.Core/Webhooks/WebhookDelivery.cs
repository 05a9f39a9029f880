namespace Rapport.Core.Webhooks;

/// <summary>One event's delivery to one subscription, as the delivery log shows it, with every attempt so far.</summary>
public sealed record WebhookDelivery(
    Guid Id,
    long SubscriptionId,
    string Url,
    Guid EventId,
    string Event,
    DateTime CreatedAt,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTime? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTime? DeliveredAt,
    IReadOnlyList<WebhookAttempt> AttemptLog);

namespace Rapport.Core.Webhooks;

/// <summary>
/// A delivery a worker has claimed: everything needed to send it, and the claim that lets only this worker record
/// the attempt. <see cref="AttemptsBefore"/> attempts were made before this one.
/// </summary>
public sealed record DueWebhookDelivery(
    int WorkspaceId,
    string Workspace,
    Guid DeliveryId,
    Guid Claim,
    long SubscriptionId,
    string Url,
    WebhookFormat Format,
    string Secret,
    Guid EventId,
    string Event,
    string Payload,
    string? Text,
    DateTime OccurredAt,
    int AttemptsBefore);

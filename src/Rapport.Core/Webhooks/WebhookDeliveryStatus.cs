namespace Rapport.Core.Webhooks;

/// <summary>Where one event's delivery to one subscription stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or its next retry.</summary>
    Pending,

    /// <summary>A worker has claimed it and is sending it now.</summary>
    Sending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt the retry policy allows failed.</summary>
    Failed,

    /// <summary>The subscription was removed before it was delivered.</summary>
    Cancelled,
}

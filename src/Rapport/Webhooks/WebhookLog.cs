namespace Rapport.Webhooks;

/// <summary>What delivering webhooks logs, source-generated.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {Delivery} of {Event} to subscription {Subscription} failed (attempt {Attempt}): {Error}")]
    public static partial void AttemptFailed(this ILogger logger, Guid delivery, string @event, long subscription, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering webhooks failed; trying again at the next pass")]
    public static partial void PassFailed(this ILogger logger, Exception exception);
}

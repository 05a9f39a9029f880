namespace Rapport.Core.Webhooks;

/// <summary>The HTTP headers of every delivery (docs/webhooks.md).</summary>
public static class WebhookHeaders
{
    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body, keyed with the subscription's secret.</summary>
    public const string Signature = "X-Rapport-Signature-256";

    /// <summary>The event's name, e.g. <c>drql.created</c>.</summary>
    public const string Event = "X-Rapport-Event";

    /// <summary>The delivery's id: the same on every retry of one event to one subscription, so receivers can drop repeats.</summary>
    public const string Delivery = "X-Rapport-Delivery";

    public const string UserAgent = "Rapport-Webhooks/1";
}

namespace Rapport.Core.Webhooks;

/// <summary>Where a workspace's events go: a URL, the events it asked for, and the body format. The secret is never shown again.</summary>
public sealed record WebhookSubscription(long Id, string Url, IReadOnlyList<string> Events, WebhookFormat Format, DateTime CreatedAt)
{
    /// <summary>Whether the subscription asked for the event (<see cref="WebhookEventNames.All"/> asks for every one).</summary>
    public bool Wants(string eventName) => Events.Contains(eventName) || (Events.Contains(WebhookEventNames.All) && eventName != WebhookEventNames.Ping);
}

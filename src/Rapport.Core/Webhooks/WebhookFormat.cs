namespace Rapport.Core.Webhooks;

/// <summary>What a subscription's deliveries look like.</summary>
public enum WebhookFormat
{
    /// <summary>Rapport's JSON envelope: id, event, time, workspace and the event's data.</summary>
    Json,

    /// <summary>A Slack incoming webhook's <c>{"text": …}</c>; also understood by Mattermost, Rocket.Chat and Discord's Slack endpoint.</summary>
    Slack,
}

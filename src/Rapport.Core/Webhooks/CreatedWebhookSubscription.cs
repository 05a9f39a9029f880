namespace Rapport.Core.Webhooks;

/// <summary>A new subscription and its signing secret: the one time the secret is shown.</summary>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret);

namespace Rapport.Web;

/// <summary>The body of <c>POST /api/v1/webhooks</c>.</summary>
internal sealed record WebhookSubscriptionRequest(string? Url, IReadOnlyList<string>? Events, string? Format = null);

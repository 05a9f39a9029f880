namespace Rapport.Web;

/// <summary>The GitHub webhook secret to keep (e.g. an existing webhook's); without it a random one is generated.</summary>
internal sealed record GitHubWebhookSecretRequest(string? Secret);

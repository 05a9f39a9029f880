namespace Rapport.Web;

/// <summary>
/// A workspace's GitHub webhook secret was set: the payload URL's path to enter on GitHub (after the server's address),
/// and the secret only when it was generated — this answer is the one place it is shown.
/// </summary>
internal sealed record GitHubWebhookSecret(string Workspace, string PayloadPath, string? Secret);

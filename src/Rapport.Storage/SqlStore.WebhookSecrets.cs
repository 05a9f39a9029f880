using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Webhook secrets: one per workspace and source, replaced when set again. Read on every delivery, never cached,
/// so a secret another process sets applies at once.
/// </summary>
public abstract partial class SqlStore
{
    public Task SetWebhookSecretAsync(Workspace workspace, string source, string secret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return ExecuteAsync(
            """
            INSERT INTO webhook_secrets (workspace_id, source, secret, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (workspace_id, source) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
            """,
            [workspace.Id, source, secret, Now()], cancellationToken);
    }

    public Task<string?> GetWebhookSecretAsync(Workspace workspace, string source, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT secret FROM webhook_secrets WHERE workspace_id = $1 AND source = $2", [workspace.Id, source],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken);
}

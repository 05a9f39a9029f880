using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Webhook secrets: one per workspace and source, replaced when set again. Read on every delivery, never cached,
/// so a secret another process sets applies at once. Stored encrypted (<see cref="StoredSecrets"/>), as are the
/// signing secrets of outbound webhook subscriptions.
/// </summary>
public abstract partial class SqlStore
{
    private StoredSecrets? _secrets;

    /// <summary>The store's secret encryption, set up on first use (it reads the key ring, or creates its first key).</summary>
    private StoredSecrets Secrets => LazyInitializer.EnsureInitialized(ref _secrets, () => new StoredSecrets(new StoreXmlRepository((IRapportStore)this)));

    /// <summary>
    /// Encrypts the secrets a store written before encryption existed still holds in plain text (or that a copy from
    /// such a store brought in). Runs when a store is opened; each value is replaced only if it is still the plain
    /// text, so processes opening one store at once do no harm. Returns how many it encrypted.
    /// </summary>
    internal async Task<int> ProtectPlaintextSecretsAsync(CancellationToken cancellationToken)
    {
        var encrypted = 0;
        foreach (var (table, key) in new[] { ("webhook_secrets", "source"), ("webhook_subscriptions", "CAST(id AS VARCHAR)") })
        {
            var plain = await QueryAsync(
                $"SELECT workspace_id, {key}, secret FROM {table} WHERE secret NOT LIKE 'dp1:%'", [],
                reader =>
                {
                    var rows = new List<(int Workspace, string Key, string Secret)>();
                    while (reader.Read())
                    {
                        rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
                    }

                    return rows;
                }, cancellationToken).ConfigureAwait(false);
            if (plain.Count == 0)
            {
                continue;
            }

            await ExecuteAsync(
                [.. plain.Select(row => (
                    $"UPDATE {table} SET secret = $4 WHERE workspace_id = $1 AND {key} = $2 AND secret = $3",
                    new object?[] { row.Workspace, row.Key, row.Secret, Secrets.Protect(row.Secret) }))],
                cancellationToken).ConfigureAwait(false);
            encrypted += plain.Count;
        }

        return encrypted;
    }

    /// <summary>
    /// A copied chunk as it leaves this store: secrets decrypted, since each store has its own key ring. The copy
    /// holds them only in memory, and <see cref="ProtectSecrets"/> encrypts them again as the target writes them.
    /// </summary>
    private protected StoredTableChunk RevealSecrets(StoredTableChunk chunk) => MapSecrets(chunk, Secrets.Reveal);

    /// <summary>A copied chunk as this store writes it: secrets encrypted under this store's key ring.</summary>
    private protected StoredTableChunk ProtectSecrets(StoredTableChunk chunk) => MapSecrets(chunk, Secrets.Protect);

    /// <summary>
    /// Makes sure the key ring is read (and its first key written) before a caller takes the store's writer: creating
    /// a key writes to the store, which must not wait for a writer its own caller holds.
    /// </summary>
    private protected void PrepareSecrets() => _ = Secrets.Protect(string.Empty);

    private static StoredTableChunk MapSecrets(StoredTableChunk chunk, Func<string, string> map)
    {
        if (chunk.Table is not ("webhook_secrets" or "webhook_subscriptions"))
        {
            return chunk;
        }

        var column = StoredTables.ColumnsOf(chunk.Table).ToList().IndexOf("secret");
        return chunk with
        {
            Rows = [.. chunk.Rows.Select(row =>
            {
                var mapped = (object?[])row.Clone();
                mapped[column] = mapped[column] is string secret ? map(secret) : null;
                return mapped;
            })],
        };
    }

    public Task SetWebhookSecretAsync(Workspace workspace, string source, string secret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        var encrypted = Secrets.Protect(secret);
        return ExecuteAsync(
            """
            INSERT INTO webhook_secrets (workspace_id, source, secret, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (workspace_id, source) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at
            """,
            [workspace.Id, source, encrypted, Now()], cancellationToken);
    }

    public async Task<string?> GetWebhookSecretAsync(Workspace workspace, string source, CancellationToken cancellationToken)
    {
        var stored = await QueryAsync(
            "SELECT secret FROM webhook_secrets WHERE workspace_id = $1 AND source = $2", [workspace.Id, source],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : Secrets.Reveal(stored);
    }
}

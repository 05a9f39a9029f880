using System.Data.Common;
using System.Globalization;
using Rapport.Core.ApiKeys;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>API keys, kept as SHA-256 hashes and found by their public prefix.</summary>
public abstract partial class SqlStore
{
    private const string ApiKeyColumns = "id, prefix, scope, name, created_at, revoked_at";

    /// <summary>How often a key number taken by another process at the same moment is tried again.</summary>
    private const int ApiKeyNumberAttempts = 5;

    public async Task<CreatedApiKey> CreateApiKeyAsync(Workspace workspace, ApiKeyScope scope, string? name, CancellationToken cancellationToken)
    {
        var plaintext = ApiKeySecrets.Generate();
        var prefix = ApiKeySecrets.PrefixOf(plaintext)!;
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var createdAt = Now();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Keys are numbered per workspace. Two processes on one PostgreSQL may pick the same number at once;
                // the primary key refuses the second, which takes the next number.
                var id = await WriteAsync(
                    """
                    INSERT INTO api_keys (workspace_id, id, prefix, sha256, scope, name, created_at)
                    SELECT $1, coalesce(max(id), 0) + 1, $2, $3, $4, CAST($5 AS VARCHAR), $6 FROM api_keys WHERE workspace_id = $1
                    RETURNING id
                    """,
                    [workspace.Id, prefix, Convert.ToHexStringLower(ApiKeySecrets.Hash(plaintext)), ApiKeyScopes.Name(scope), trimmedName, createdAt],
                    reader => reader.Read() ? reader.GetInt64(0) : throw new InvalidOperationException("the new key was not returned"),
                    cancellationToken).ConfigureAwait(false);
                return new CreatedApiKey(new ApiKey(id, prefix, scope, trimmedName, createdAt, RevokedAt: null), plaintext);
            }
            catch (DbException e) when (attempt < ApiKeyNumberAttempts && IsUniqueViolation(e))
            {
            }
        }
    }

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Workspace workspace, CancellationToken cancellationToken) =>
        ReadApiKeysAsync("WHERE workspace_id = $1 ORDER BY id", [workspace.Id], cancellationToken);

    public async Task<KeysetPage<ApiKey>> ListApiKeysAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        var after = page.After is { } key ? KeyLong(KeyParts(key, 1)[0]) : 0;
        var keys = await ReadApiKeysAsync(
            $"WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT {FetchLimit(page)}", [workspace.Id, after], cancellationToken).ConfigureAwait(false);
        return CutPage(keys, page, apiKey => Key(apiKey.Id));
    }

    private Task<IReadOnlyList<ApiKey>> ReadApiKeysAsync(string condition, object?[] parameters, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<ApiKey>>(
            $"SELECT {ApiKeyColumns} FROM api_keys {condition}", parameters,
            reader =>
            {
                var keys = new List<ApiKey>();
                while (reader.Read())
                {
                    keys.Add(ReadApiKey(reader));
                }

                return keys;
            }, cancellationToken);

    public async Task<ApiKey?> RevokeApiKeyAsync(Workspace workspace, string prefixOrId, CancellationToken cancellationToken)
    {
        var text = prefixOrId.Trim();
        long? id = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        // Only an unrevoked key gets a revocation time, so revoking twice keeps the first time.
        await ExecuteAsync(
            "UPDATE api_keys SET revoked_at = $4 WHERE workspace_id = $1 AND (prefix = $2 OR id = CAST($3 AS BIGINT)) AND revoked_at IS NULL",
            [workspace.Id, text, id, Now()], cancellationToken).ConfigureAwait(false);
        ApiKeysRevoked();
        return await QueryAsync(
            $"SELECT {ApiKeyColumns} FROM api_keys WHERE workspace_id = $1 AND (prefix = $2 OR id = CAST($3 AS BIGINT)) ORDER BY id LIMIT 1",
            [workspace.Id, text, id],
            reader => reader.Read() ? ReadApiKey(reader) : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called after keys were revoked, for a backend that remembers keys that authenticated.</summary>
    private protected virtual void ApiKeysRevoked()
    {
    }

    /// <summary>What an unrevoked key grants, looked up by its prefix and checked against its hash; <c>null</c> otherwise.</summary>
    private protected async Task<ApiKeyGrant?> FindApiKeyGrantAsync(string plaintext, CancellationToken cancellationToken)
    {
        if (ApiKeySecrets.PrefixOf(plaintext) is not { } prefix)
        {
            return null;
        }

        var candidates = await QueryAsync(
            """
            SELECT k.workspace_id, w.slug, w.created_at, k.id, k.sha256, k.scope
            FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
            WHERE k.prefix = $1 AND k.revoked_at IS NULL
            """,
            [prefix],
            reader =>
            {
                var found = new List<(ApiKeyGrant Grant, string Sha256)>(1);
                while (reader.Read())
                {
                    var workspace = new Workspace(reader.GetInt32(0), reader.GetString(1), ReadTime(reader, 2)!.Value);
                    found.Add((new ApiKeyGrant(workspace, ApiKeyScopes.Parse(reader.GetString(5)), reader.GetInt64(3), prefix), reader.GetString(4)));
                }

                return found;
            }, cancellationToken).ConfigureAwait(false);

        foreach (var (grant, sha256) in candidates)
        {
            if (ApiKeySecrets.Matches(plaintext, Convert.FromHexString(sha256)))
            {
                return grant;
            }
        }

        return null;
    }

    private static ApiKey ReadApiKey(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), ApiKeyScopes.Parse(reader.GetString(2)), ReadText(reader, 3),
            ReadTime(reader, 4)!.Value, ReadTime(reader, 5));
}

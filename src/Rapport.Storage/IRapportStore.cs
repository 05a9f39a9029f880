using Rapport.Core.ApiKeys;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// The storage contract: everything Rapport keeps, behind one interface that the embedded DuckDB store and the
/// PostgreSQL store both implement and one conformance suite tests. Every method is scoped to a workspace.
/// </summary>
public partial interface IRapportStore : IAsyncDisposable
{
    /// <summary>What the store is, for messages: "DuckDB rapport.duckdb".</summary>
    string Description { get; }

    Task<Workspace> GetOrCreateWorkspaceAsync(string slug, CancellationToken cancellationToken);

    Task<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an atomic ingest: nothing is visible or durable until <see cref="IIngestSession.CommitAsync"/>
    /// returns; disposing without committing leaves the store as it was. One ingest session writes at a time.
    /// </summary>
    Task<IIngestSession> BeginIngestAsync(Workspace workspace, CancellationToken cancellationToken);

    Task<JourneyMap> GetJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Stores a new journey map and re-derives every member's stage times from their activities.</summary>
    Task SetJourneyMapAsync(Workspace workspace, JourneyMap map, CancellationToken cancellationToken);

    Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken);

    Task<MemberProfile?> FindMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken);

    Task<WorkspaceStats> GetStatsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Every member's stored progress, for checks against the reference computations in Core.</summary>
    IAsyncEnumerable<MemberProgress> ReadMemberProgressAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Creates a key; its plaintext is in the answer and nowhere else, the store keeps only a hash.</summary>
    Task<CreatedApiKey> CreateApiKeyAsync(Workspace workspace, ApiKeyScope scope, string? name, CancellationToken cancellationToken);

    /// <summary>The workspace's keys, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>A page of the workspace's keys, oldest (lowest id) first, read by keyset.</summary>
    Task<KeysetPage<ApiKey>> ListApiKeysAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the key with this prefix or id from now on; revoking a revoked key changes nothing. Returns the key,
    /// or <c>null</c> when the workspace has no such key.
    /// </summary>
    Task<ApiKey?> RevokeApiKeyAsync(Workspace workspace, string prefixOrId, CancellationToken cancellationToken);

    /// <summary>What the key grants, or <c>null</c> for a key that is unknown, malformed or revoked.</summary>
    Task<ApiKeyGrant?> AuthenticateApiKeyAsync(string plaintext, CancellationToken cancellationToken);

    /// <summary>
    /// The workspace's stored rows, table by table in <see cref="StoredTables.Names"/> order, as they are (ids,
    /// message keys, hashes), from one consistent snapshot: what <see cref="ImportAsync"/> of another store writes.
    /// </summary>
    IAsyncEnumerable<StoredTableChunk> ExportAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>
    /// Writes exported rows into <paramref name="target"/>, which must be empty (<see cref="WorkspaceNotEmptyException"/>
    /// otherwise), keeping every id, in one transaction; ingest then continues from the copied state. Reports the
    /// number of rows written so far.
    /// </summary>
    Task ImportAsync(Workspace target, IAsyncEnumerable<StoredTableChunk> chunks, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>How many rows of each of <see cref="StoredTables.Names"/> the workspace holds, to verify a copy.</summary>
    Task<IReadOnlyDictionary<string, long>> CountStoredRowsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the secret that signs the workspace's webhook deliveries from <paramref name="source"/> (<c>github</c>),
    /// replacing an earlier one. Stored as given, not hashed, because checking a signature (an HMAC) needs it.
    /// </summary>
    Task SetWebhookSecretAsync(Workspace workspace, string source, string secret, CancellationToken cancellationToken);

    /// <summary>The workspace's webhook secret for <paramref name="source"/>, or <c>null</c> when none is set.</summary>
    Task<string?> GetWebhookSecretAsync(Workspace workspace, string source, CancellationToken cancellationToken);
}

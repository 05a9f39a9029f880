using Rapport.Core.ApiKeys;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Tests.Web;

/// <summary>
/// A real store whose ingest commits can be held back (<see cref="CommitGate"/>) or made to fail as a full disk would
/// (<see cref="FailCommits"/>), and which counts them.
/// </summary>
internal sealed class ObservedStore(IRapportStore inner) : IRapportStore
{
    private int _commits;

    public bool FailCommits { get; set; }

    /// <summary>While set, every commit waits for this task first.</summary>
    public Task? CommitGate { get; set; }

    /// <summary>Ingest sessions that reached their commit, failed or not.</summary>
    public int Commits => Volatile.Read(ref _commits);

    public string Description => inner.Description;

    public async Task<IIngestSession> BeginIngestAsync(Workspace workspace, CancellationToken cancellationToken) =>
        new ObservedSession(await inner.BeginIngestAsync(workspace, cancellationToken), this);

    public Task<Workspace> GetOrCreateWorkspaceAsync(string slug, CancellationToken cancellationToken) => inner.GetOrCreateWorkspaceAsync(slug, cancellationToken);

    public Task<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken) => inner.FindWorkspaceAsync(slug, cancellationToken);

    public Task<JourneyMap> GetJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken) => inner.GetJourneyMapAsync(workspace, cancellationToken);

    public Task SetJourneyMapAsync(Workspace workspace, JourneyMap map, CancellationToken cancellationToken) =>
        inner.SetJourneyMapAsync(workspace, map, cancellationToken);

    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken) =>
        inner.GetFunnelAsync(workspace, range, cancellationToken);

    public Task<MemberProfile?> FindMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        inner.FindMemberAsync(workspace, identity, cancellationToken);

    public Task<WorkspaceStats> GetStatsAsync(Workspace workspace, CancellationToken cancellationToken) => inner.GetStatsAsync(workspace, cancellationToken);

    public IAsyncEnumerable<MemberProgress> ReadMemberProgressAsync(Workspace workspace, CancellationToken cancellationToken) =>
        inner.ReadMemberProgressAsync(workspace, cancellationToken);

    public Task<CreatedApiKey> CreateApiKeyAsync(Workspace workspace, ApiKeyScope scope, string? name, CancellationToken cancellationToken) =>
        inner.CreateApiKeyAsync(workspace, scope, name, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Workspace workspace, CancellationToken cancellationToken) =>
        inner.ListApiKeysAsync(workspace, cancellationToken);

    public Task<ApiKey?> RevokeApiKeyAsync(Workspace workspace, string prefixOrId, CancellationToken cancellationToken) =>
        inner.RevokeApiKeyAsync(workspace, prefixOrId, cancellationToken);

    public Task<ApiKeyGrant?> AuthenticateApiKeyAsync(string plaintext, CancellationToken cancellationToken) =>
        inner.AuthenticateApiKeyAsync(plaintext, cancellationToken);

    public IAsyncEnumerable<StoredTableChunk> ExportAsync(Workspace workspace, CancellationToken cancellationToken) =>
        inner.ExportAsync(workspace, cancellationToken);

    public Task ImportAsync(
        Workspace target, IAsyncEnumerable<StoredTableChunk> chunks, IProgress<long>? progress, CancellationToken cancellationToken) =>
        inner.ImportAsync(target, chunks, progress, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountStoredRowsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        inner.CountStoredRowsAsync(workspace, cancellationToken);

    public Task SetWebhookSecretAsync(Workspace workspace, string source, string secret, CancellationToken cancellationToken) =>
        inner.SetWebhookSecretAsync(workspace, source, secret, cancellationToken);

    public Task<string?> GetWebhookSecretAsync(Workspace workspace, string source, CancellationToken cancellationToken) =>
        inner.GetWebhookSecretAsync(workspace, source, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class ObservedSession(IIngestSession inner, ObservedStore store) : IIngestSession
    {
        public IngestSummary Summary => inner.Summary;

        public ValueTask AddAsync(IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken) =>
            inner.AddAsync(messages, cancellationToken);

        public async Task<IngestSummary> CommitAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref store._commits);
            if (store.CommitGate is { } gate)
            {
                await gate;
            }

            return store.FailCommits ? throw new IOException("No space left on device") : await inner.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

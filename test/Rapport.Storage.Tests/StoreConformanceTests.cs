using Microsoft.Extensions.Time.Testing;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage.Tests;

/// <summary>
/// The storage contract, one test body per behaviour, run against every backend: a subclass only says how to open
/// a fresh, empty store. Each test starts with an empty store holding the default workspace.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    private readonly List<IRapportStore> _open = [];

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test, opened before each test.</summary>
    protected IRapportStore Store { get; private set; } = null!;

    /// <summary>The default workspace of <see cref="Store"/>.</summary>
    protected Workspace Workspace { get; private set; } = null!;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Opens a new, empty store of the backend under test. The suite disposes it after the test.</summary>
    protected abstract Task<IRapportStore> OpenEmptyStoreAsync();

    /// <summary>
    /// Closes <paramref name="store"/> and opens the same data again, as a restarted process would. The suite
    /// disposes the returned store after the test.
    /// </summary>
    protected abstract Task<IRapportStore> ReopenStoreAsync(IRapportStore store);

    /// <summary>
    /// Opens another store on the data of <paramref name="store"/> while it stays open, as a second instance serving
    /// the same store would. The suite disposes it after the test.
    /// </summary>
    protected abstract Task<IRapportStore> OpenSameDataAsync(IRapportStore store);

    /// <summary>
    /// Closes <paramref name="store"/>, runs <paramref name="sql"/> on its data directly, as an operator or an older
    /// Rapport would, and opens it again; returns the reopened store (the suite disposes it) and the first column
    /// of the statement's rows as text.
    /// </summary>
    protected abstract Task<(IRapportStore Store, IReadOnlyList<string> Values)> RunDirectlyAsync(IRapportStore store, string sql);

    /// <summary>Removes what the backend created for the test's stores, once they are all disposed.</summary>
    protected virtual ValueTask DeleteStoresAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Store = await OpenStoreAsync();
        Workspace = await Store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var store in _open)
            {
                await store.DisposeAsync();
            }
        }
        finally
        {
            _open.Clear();
            await DeleteStoresAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Opens another empty store, for comparisons between stores.</summary>
    protected async Task<IRapportStore> OpenStoreAsync() => Track(await OpenEmptyStoreAsync());

    /// <summary>Has the suite dispose <paramref name="store"/> after the test.</summary>
    protected IRapportStore Track(IRapportStore store)
    {
        _open.Add(store);
        return store;
    }

    /// <summary>Closes <see cref="Store"/> and opens its data again; returns the reopened store and its default workspace.</summary>
    protected async Task<(IRapportStore Store, Workspace Workspace)> ReopenAsync()
    {
        var store = Track(await ReopenStoreAsync(Store));
        var workspace = await store.FindWorkspaceAsync(Workspace.DefaultSlug, Token)
            ?? throw new Xunit.Sdk.XunitException("the reopened store lost the default workspace");
        return (store, workspace);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> on the data of <see cref="Store"/> behind its back (<see cref="RunDirectlyAsync"/>);
    /// returns the reopened store, its default workspace and what the statement read.
    /// </summary>
    protected async Task<(IRapportStore Store, Workspace Workspace, IReadOnlyList<string> Values)> RunBehindStoreAsync(IRapportStore store, string sql)
    {
        var (reopened, values) = await RunDirectlyAsync(store, sql);
        Track(reopened);
        var workspace = await reopened.FindWorkspaceAsync(Workspace.DefaultSlug, Token)
            ?? throw new Xunit.Sdk.XunitException("the reopened store lost the default workspace");
        return (reopened, workspace, values);
    }

    /// <summary>Disposes a store now, e.g. to reopen its file.</summary>
    protected async Task CloseAsync(IRapportStore store)
    {
        _open.Remove(store);
        await store.DisposeAsync();
    }

    /// <summary>Ingests the messages into the default workspace of <see cref="Store"/> in one committed session.</summary>
    protected Task<IngestSummary> IngestAsync(params string[] json) => IngestAsync(Store, Workspace, json);

    protected static async Task<IngestSummary> IngestAsync(IRapportStore store, Workspace workspace, params string[] json)
    {
        await using var session = await store.BeginIngestAsync(workspace, Token);
        await session.AddAsync(Segment.Messages(json), Token);
        return await session.CommitAsync(Token);
    }

    protected Task<MemberProfile?> FindAsync(string identity) => FindAsync(Store, Workspace, identity);

    protected static Task<MemberProfile?> FindAsync(IRapportStore store, Workspace workspace, string identity) =>
        store.FindMemberAsync(workspace, Identity.Parse(identity), Token);

    protected async Task<MemberProfile> FindExistingAsync(string identity) =>
        await FindAsync(identity) ?? throw new Xunit.Sdk.XunitException($"no member has the identity {identity}");

    /// <summary>Every member's stored progress, in an order that does not depend on the store.</summary>
    /// <summary>
    /// The progress a fresh store holds after one import of <paramref name="messages"/>, under <paramref name="map"/>
    /// (the default when <c>null</c>): what progress kept commit after commit must end up as.
    /// </summary>
    private protected async Task<List<StoredProgress>> ProgressOfOneImportAsync(IReadOnlyList<string> messages, JourneyMap? map = null)
    {
        var fresh = await OpenStoreAsync();
        var freshWorkspace = await fresh.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        if (map is not null)
        {
            await fresh.SetJourneyMapAsync(freshWorkspace, map, Token);
        }

        await IngestAsync(fresh, freshWorkspace, [.. messages]);
        return await ReadProgressAsync(fresh, freshWorkspace);
    }

    private protected static async Task<List<StoredProgress>> ReadProgressAsync(IRapportStore store, Workspace workspace)
    {
        var rows = new List<StoredProgress>();
        await foreach (var progress in store.ReadMemberProgressAsync(workspace, Token))
        {
            rows.Add(StoredProgress.From(progress));
        }

        return [.. rows.OrderBy(row => row.ToString(), StringComparer.Ordinal)];
    }

    protected static DateTime Utc(int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, DateTimeKind.Utc);
}

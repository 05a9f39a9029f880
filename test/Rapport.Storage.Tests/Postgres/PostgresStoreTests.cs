using Npgsql;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Reports;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;

namespace Rapport.Storage.Tests.Postgres;

/// <summary>
/// The conformance suite on PostgreSQL, a fresh database per store, plus what only a shared server has: several
/// processes writing to one database.
/// </summary>
public sealed class PostgresStoreTests : StoreConformanceTests
{
    private readonly List<string> _databases = [];
    private readonly Dictionary<IRapportStore, string> _databaseOf = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rapport-storage-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<IRapportStore> OpenEmptyStoreAsync()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync(Token);
        _databases.Add(connectionString);
        var store = RapportStore.Open(connectionString, Clock);
        _databaseOf[store] = connectionString;
        return store;
    }

    protected override async Task<IRapportStore> ReopenStoreAsync(IRapportStore store)
    {
        var database = _databaseOf[store];
        await CloseAsync(store);
        var reopened = RapportStore.Open(database, Clock);
        _databaseOf[reopened] = database;
        return reopened;
    }

    protected override Task<IRapportStore> OpenSameDataAsync(IRapportStore store)
    {
        var database = _databaseOf[store];
        var another = Track(RapportStore.Open(database, Clock));
        _databaseOf[another] = database;
        return Task.FromResult(another);
    }

    protected override async Task<(IRapportStore Store, IReadOnlyList<string> Values)> RunDirectlyAsync(IRapportStore store, string sql)
    {
        var database = _databaseOf[store];
        await CloseAsync(store);
        var values = new List<string>();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }

        var reopened = RapportStore.Open(database, Clock);
        _databaseOf[reopened] = database;
        return (reopened, values);
    }

    protected override async ValueTask DeleteStoresAsync()
    {
        foreach (var database in _databases)
        {
            await PostgresTestServer.DropDatabaseAsync(database);
        }

        _databases.Clear();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Another store on the database of <see cref="StoreConformanceTests.Store"/>, as another process would open it.</summary>
    private IRapportStore OpenAnotherProcess() => Track(RapportStore.Open(_databases[0], Clock));

    [Fact]
    public async Task Several_processes_ingesting_at_once_store_exactly_what_one_process_would()
    {
        var traffic = GeneratedTraffic.Developers(count: 150, seed: 20_261_125);
        var batches = traffic.Messages.Chunk(20).ToList();
        IRapportStore[] processes = [Store, OpenAnotherProcess(), OpenAnotherProcess()];
        var workspaces = new Workspace[processes.Length];
        for (var i = 0; i < processes.Length; i++)
        {
            workspaces[i] = await processes[i].GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        }

        // Every batch is sent twice, to two different processes, as a client retrying against another instance
        // would; all sessions start at once and interleave.
        var sessions = batches.SelectMany((batch, i) => new[] { (Process: i % 3, Batch: batch), (Process: (i + 1) % 3, Batch: batch) })
            .Select(work => Task.Run(() => IngestAsync(processes[work.Process], workspaces[work.Process], work.Batch), Token));
        var summaries = await Task.WhenAll(sessions);

        Directory.CreateDirectory(_directory);
        await using var reference = RapportStore.Open(Path.Combine(_directory, "reference.duckdb"), Clock);
        var referenceWorkspace = await reference.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        var once = await IngestAsync(reference, referenceWorkspace, [.. traffic.Messages]);

        Assert.Equal(once.ActivitiesStored, summaries.Sum(summary => summary.ActivitiesStored));
        Assert.Equal(once.ProfileUpdatesStored, summaries.Sum(summary => summary.ProfileUpdatesStored));
        Assert.Equal(traffic.Messages.Count, summaries.Sum(summary => summary.DuplicatesSkipped));
        foreach (var (store, workspace) in processes.Zip(workspaces))
        {
            var expectedStats = await reference.GetStatsAsync(referenceWorkspace, Token);
            var stats = await store.GetStatsAsync(workspace, Token);
            Assert.Equal(150, stats.Developers);
            Assert.Equal(expectedStats.Developers, stats.Developers);
            Assert.Equal(expectedStats.IdentifiedDevelopers, stats.IdentifiedDevelopers);
            Assert.Equal(expectedStats.Identities.ToDictionary(), stats.Identities.ToDictionary());
            Assert.Equal(expectedStats.Activities, stats.Activities);
            Assert.Equal(expectedStats.TopActivityTypes, stats.TopActivityTypes);
            Assert.Equal(
                (await reference.GetFunnelAsync(referenceWorkspace, DateRange.All, Token)).Stages,
                (await store.GetFunnelAsync(workspace, DateRange.All, Token)).Stages);
            Assert.Equal(await ReadProgressAsync(reference, referenceWorkspace), await ReadProgressAsync(store, workspace));
        }

        for (var developer = 0; developer < 150; developer++)
        {
            var expected = await FindAsync(reference, referenceWorkspace, $"anonymous:anon-{developer}");
            var byAnonymousId = await FindAsync(Store, Workspace, $"anonymous:anon-{developer}");
            var byUserId = await FindAsync(Store, Workspace, $"user:{1000 + developer}");
            Assert.Equal(expected?.Identities, byAnonymousId?.Identities);
            Assert.Equal(expected?.ActivityCount, byAnonymousId?.ActivityCount);
            Assert.Equal(expected?.StagesReached.ToDictionary(), byAnonymousId?.StagesReached.ToDictionary());
            Assert.Equal(expected?.Traits.Keys, byAnonymousId?.Traits.Keys);
            if (byUserId is not null)
            {
                Assert.Equal(byAnonymousId?.Id, byUserId.Id);
            }
        }
    }

    [Fact]
    public async Task A_process_reloads_what_another_process_committed_before_resolving_identities()
    {
        var other = OpenAnotherProcess();
        var otherWorkspace = await other.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        await IngestAsync("""{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""");

        await IngestAsync(other, otherWorkspace,
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var summary = await IngestAsync(
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");

        Assert.Equal(1, summary.DuplicatesSkipped);
        Assert.Equal(1, summary.MembersMerged);
        var member = await FindExistingAsync("user:7");
        Assert.Equal(["anonymous:x", "user:7"], member.Identities);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(1, (await other.GetStatsAsync(otherWorkspace, Token)).Developers);
    }

    [Fact]
    public async Task A_process_catches_up_on_another_process_s_merges_and_identities_without_reading_them_all_again()
    {
        var other = OpenAnotherProcess();
        var otherWorkspace = await other.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        await IngestAsync(
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"a2","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);

        // The other process merges the two stored developers and gives the merged one a GitHub login.
        var merged = await IngestAsync(other, otherWorkspace,
            """{"type":"identify","messageId":"b1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"identify","messageId":"b2","userId":"7","timestamp":"2026-03-03T11:00:00Z","traits":{"github":"Octo"}}""");
        Assert.Equal(1, merged.MembersMerged);

        // This process now stores activities of the anonymous id and the login: both belong to the merged developer.
        var summary = await IngestAsync(
            """{"type":"track","messageId":"c1","anonymousId":"x","event":"API Called","timestamp":"2026-03-04T10:00:00Z"}""",
            """{"type":"track","messageId":"c2","userId":"7","event":"Docs Viewed","timestamp":"2026-03-04T11:00:00Z","context":{"traits":{"github":"octo"}}}""",
            """{"type":"identify","messageId":"b1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""");

        Assert.Equal(1, summary.DuplicatesSkipped);
        Assert.Equal(0, summary.MembersCreated);
        Assert.Equal(0, summary.MembersMerged);
        var member = await FindExistingAsync("github:octo");
        Assert.Equal(["anonymous:x", "github:octo", "user:7"], member.Identities);
        Assert.Equal(4, member.ActivityCount);
        Assert.Equal(1, (await Store.GetStatsAsync(Workspace, Token)).Developers);
        Assert.Equal(1, ((Rapport.Storage.Postgres.PostgresStore)Store).IngestStateLoads);
    }

    [Fact]
    public async Task Another_process_ingests_onto_the_right_developers_after_this_one_merges_and_unmerges()
    {
        var other = OpenAnotherProcess();
        var otherWorkspace = await other.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        await IngestAsync(
            """{"type":"identify","messageId":"a0","userId":"ada","traits":{"github":"ada-l"},"timestamp":"2026-03-01T09:00:00Z"}""",
            """{"type":"page","messageId":"a1","anonymousId":"device-1","timestamp":"2026-03-01T10:00:00Z"}""");
        // The other process loads (and keeps) the workspace's identities before this one changes them.
        await IngestAsync(other, otherWorkspace, []);

        await Store.MergeMembersAsync(Workspace, Identity.Parse("user:ada"), Identity.Parse("anonymous:device-1"), "a", null, Token);
        await IngestAsync(other, otherWorkspace,
            """{"type":"track","messageId":"b1","anonymousId":"device-1","event":"Docs Viewed","timestamp":"2026-03-02T10:00:00Z"}""");
        var merged = await FindExistingAsync("user:ada");
        Assert.Equal(["anonymous:device-1", "github:ada-l", "user:ada"], merged.Identities);
        Assert.Equal((2L, JourneyStage.Evaluate), (merged.ActivityCount, merged.Stage));

        var split = await Store.UnmergeIdentityAsync(Workspace, Identity.Parse("github:ada-l"), "a", null, Token);
        var summary = await IngestAsync(other, otherWorkspace,
            """{"type":"track","messageId":"c1","userId":"ada","event":"API Called","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"identify","messageId":"c2","userId":"ada","traits":{"github":"ada-l"},"timestamp":"2026-03-03T11:00:00Z"}""");

        Assert.Equal(0, summary.MembersMerged);
        var ada = await FindAsync(other, otherWorkspace, "user:ada");
        Assert.Equal(merged.Id, ada!.Id);
        Assert.Equal(["anonymous:device-1", "user:ada"], ada.Identities);
        Assert.Equal((3L, JourneyStage.Build), (ada.ActivityCount, ada.Stage));
        Assert.Equal(split.ToMemberId, (await FindAsync(other, otherWorkspace, "github:ada-l"))!.Id);
        Assert.Equal(2, (await other.GetStatsAsync(otherWorkspace, Token)).Developers);
    }

    [Fact]
    public async Task Another_process_drops_late_events_for_a_developer_this_one_erased()
    {
        var other = OpenAnotherProcess();
        var otherWorkspace = await other.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        await IngestAsync("""{"type":"identify","messageId":"a0","userId":"ada","traits":{"github":"ada-l"},"timestamp":"2026-03-01T09:00:00Z"}""");
        // The other process loads (and keeps) the workspace's identities before this one erases Ada.
        await IngestAsync(other, otherWorkspace, []);

        await Store.EraseMemberAsync(Workspace, Identity.Parse("github:ada-l"), "owner@example.com", Token);
        var summary = await IngestAsync(other, otherWorkspace,
            """{"type":"track","messageId":"b1","userId":"ada","event":"Docs Viewed","timestamp":"2026-03-02T10:00:00Z"}""");

        Assert.Equal((1L, 0L, 0L), (summary.ErasedSkipped, summary.ActivitiesStored, summary.MembersCreated));
        Assert.Null(await FindAsync(other, otherWorkspace, "user:ada"));
        Assert.Equal(0, (await other.GetStatsAsync(otherWorkspace, Token)).Developers);
    }

    [Fact]
    public async Task A_key_revoked_by_another_process_stops_working_at_once()
    {
        var other = OpenAnotherProcess();
        var otherWorkspace = await other.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        var created = await Store.CreateApiKeyAsync(Workspace, Core.ApiKeys.ApiKeyScope.Ingest, "site", Token);
        Assert.NotNull(await Store.AuthenticateApiKeyAsync(created.Plaintext, Token));

        await other.RevokeApiKeyAsync(otherWorkspace, created.Key.Prefix, Token);

        Assert.Null(await Store.AuthenticateApiKeyAsync(created.Plaintext, Token));
    }

    [Fact]
    public void The_store_describes_itself_by_its_server_and_database_without_the_password()
    {
        Assert.StartsWith("PostgreSQL ", Store.Description);
        Assert.Contains("rapport_test_", Store.Description);
        Assert.DoesNotContain("Password", Store.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Processes_starting_at_once_on_an_empty_database_migrate_it_once()
    {
        var connectionString = await PostgresTestServer.CreateDatabaseAsync(Token);
        _databases.Add(connectionString);

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RapportStore.Open(connectionString, Clock), Token)));

        foreach (var store in stores)
        {
            Track(store);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal((long)SchemaMigrations.List(SchemaMigrations.Postgres).Count, await command.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task A_database_written_by_a_newer_schema_is_refused()
    {
        await using (var connection = new NpgsqlConnection(_databases[0]))
        {
            await connection.OpenAsync(Token);
            await using var command = new NpgsqlCommand("INSERT INTO schema_migrations VALUES (9999, '9999_from_the_future', now())", connection);
            await command.ExecuteNonQueryAsync(Token);
        }

        var error = Assert.Throws<StoreOpenException>(() => Track(RapportStore.Open(_databases[0], Clock)));

        Assert.Contains("written by a newer Rapport", error.Message);
        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task Workers_of_several_processes_claiming_at_once_never_claim_the_same_delivery()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://a.example.com/", ["member.stalled"], WebhookFormat.Json, Token);
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://b.example.com/", ["member.stalled"], WebhookFormat.Json, Token);
        var events = Enumerable.Range(0, 60).Select(i => WebhookEvent.Create("member.stalled", new { Member = i }, Clock.GetUtcNow().UtcDateTime)).ToList();
        await Store.AddWebhookEventsAsync(Workspace, events, Token);
        IRapportStore[] processes = [Store, OpenAnotherProcess(), OpenAnotherProcess()];

        // Each process runs two workers that claim two deliveries at a time until nothing is due.
        var workers = processes.SelectMany(process => new[] { process, process }).Select(process => Task.Run(async () =>
        {
            var mine = new List<Guid>();
            while (await process.ClaimWebhookDeliveriesAsync(2, TimeSpan.FromMinutes(5), Token) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed.Select(delivery => delivery.DeliveryId));
            }

            return mine;
        }, Token));
        var claims = await Task.WhenAll(workers);

        var all = claims.SelectMany(mine => mine).ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(120, all.Distinct().Count());
        Assert.True(claims.Count(mine => mine.Count > 0) > 1, "the work was shared between workers");
    }
}

using DuckDB.NET.Data;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage.DuckDb;

namespace Rapport.Storage.Tests.DuckDb;

/// <summary>The conformance suite on a fresh DuckDB file per store, plus what only a file-based store has.</summary>
public sealed class DuckDbStoreTests : StoreConformanceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rapport-storage-tests", Guid.NewGuid().ToString("N"));
    private int _stores;

    public DuckDbStoreTests() => Directory.CreateDirectory(_directory);

    protected override Task<IRapportStore> OpenEmptyStoreAsync() =>
        Task.FromResult(RapportStore.Open(Path.Combine(_directory, $"store-{++_stores}.duckdb"), Clock));

    protected override ValueTask DeleteStoresAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string StorePath => ((DuckDbStore)Store).Path;

    private async Task<(IRapportStore Store, Workspace Workspace)> ReopenAsync(string path)
    {
        var store = Track(RapportStore.Open(path, Clock));
        var workspace = await store.FindWorkspaceAsync(Workspace.DefaultSlug, Token)
            ?? throw new Xunit.Sdk.XunitException("the reopened store lost the default workspace");
        return (store, workspace);
    }

    [Fact]
    public async Task A_reopened_file_keeps_members_merges_maps_and_message_ids()
    {
        await IngestAsync(
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"b2","userId":"7","traits":{"name":"Grace","email":"grace@example.com"},"timestamp":"2026-03-02T10:00:00Z"}""");
        await IngestAsync(
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"page","messageId":"c2","anonymousId":"y","timestamp":"2026-03-04T10:00:00Z"}""");
        await Store.SetJourneyMapAsync(Workspace, PageViewsAreEvaluation(), Token);
        var member = await FindExistingAsync("user:7");
        var stats = await Store.GetStatsAsync(Workspace, Token);
        var funnel = await Store.GetFunnelAsync(Workspace, DateRange.All, Token);
        var progress = await ReadProgressAsync(Store, Workspace);
        var path = StorePath;
        await CloseAsync(Store);

        var (reopened, workspace) = await ReopenAsync(path);

        Assert.Equal(Workspace.Id, workspace.Id);
        var found = await FindAsync(reopened, workspace, "anonymous:x");
        Assert.NotNull(found);
        Assert.Equal(member.Id, found.Id);
        Assert.Equal(["anonymous:x", "email:grace@example.com", "user:7"], found.Identities);
        Assert.Equal("Grace", found.Name);
        Assert.Equal(member.StagesReached.ToDictionary(), found.StagesReached.ToDictionary());
        Assert.Equal(2, found.ActivityCount);
        Assert.Equal(stats.Developers, (await reopened.GetStatsAsync(workspace, Token)).Developers);
        Assert.Equal(2, stats.Developers);
        Assert.Equal(funnel.Stages, (await reopened.GetFunnelAsync(workspace, DateRange.All, Token)).Stages);
        Assert.Equal(progress, await ReadProgressAsync(reopened, workspace));
        Assert.Equal(PageViewsAreEvaluation().ToJson(), (await reopened.GetJourneyMapAsync(workspace, Token)).ToJson());

        var afterReopening = await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"track","messageId":"d1","anonymousId":"x","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
            """{"type":"page","messageId":"d2","anonymousId":"z","timestamp":"2026-03-05T11:00:00Z"}""");

        Assert.Equal(
            new IngestSummary { MessagesRead = 4, ActivitiesStored = 2, DuplicatesSkipped = 2, MembersCreated = 1, IdentitiesAdded = 1 },
            afterReopening);
        var extended = await FindAsync(reopened, workspace, "user:7");
        Assert.Equal(member.Id, extended?.Id);
        Assert.Equal(3, extended?.ActivityCount);
        Assert.Equal(JourneyStage.Build, extended?.Stage);
        var newcomer = await FindAsync(reopened, workspace, "anonymous:z");
        Assert.Equal(["anonymous:z"], newcomer?.Identities);
        Assert.Equal(JourneyStage.Evaluate, newcomer?.Stage);
        Assert.Equal(3, (await reopened.GetStatsAsync(workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_message_id_stored_before_the_file_was_closed_is_a_duplicate_after_reopening()
    {
        const string Page = """{"type":"page","messageId":"m1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""";
        const string Identify = """{"type":"identify","messageId":"m2","anonymousId":"anon-1","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""";
        await IngestAsync(Page, Page, Identify);
        var path = StorePath;
        await CloseAsync(Store);

        var (reopened, workspace) = await ReopenAsync(path);
        var again = await IngestAsync(reopened, workspace, Page, Identify, Page);

        Assert.Equal(new IngestSummary { MessagesRead = 3, DuplicatesSkipped = 3 }, again);
        var stats = await reopened.GetStatsAsync(workspace, Token);
        Assert.Equal(1, stats.Activities);
        Assert.Equal(1, stats.Developers);
    }

    [Fact]
    public async Task The_user_id_guard_holds_after_reopening()
    {
        await IngestAsync("""{"type":"page","messageId":"p1","anonymousId":"shared-laptop","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""");
        var path = StorePath;
        await CloseAsync(Store);

        var (reopened, workspace) = await ReopenAsync(path);
        var summary = await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"p2","anonymousId":"shared-laptop","userId":"2","timestamp":"2026-03-02T10:00:00Z"}""");

        Assert.Equal(1, summary.MergesSuggested);
        Assert.Equal(0, summary.MembersMerged);
        Assert.Equal(2, (await reopened.GetStatsAsync(workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_file_written_by_a_newer_schema_is_refused()
    {
        var path = StorePath;
        await CloseAsync(Store);
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations VALUES (9999, '9999_from_the_future', TIMESTAMP '2027-01-01 00:00:00')";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StoreOpenException>(() => Track(RapportStore.Open(path, Clock)));

        Assert.Contains("written by a newer Rapport", error.Message);
        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_DuckDB_database_is_refused()
    {
        var path = Path.Combine(_directory, "not-a-database.duckdb");
        await File.WriteAllTextAsync(path, "this is a text file, not a database", Token);

        var error = Assert.Throws<StoreOpenException>(() => Track(RapportStore.Open(path, Clock)));

        Assert.Contains("cannot open the DuckDB store", error.Message);
    }

    [Fact]
    public void The_store_describes_itself_by_its_file()
    {
        Assert.Equal($"DuckDB {StorePath}", Store.Description);
        Assert.EndsWith(".duckdb", StorePath);
    }

    [Fact]
    public async Task A_session_that_writes_in_chunks_repoints_identities_written_before_a_merge()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"u1","userId":"7","traits":{"name":"Grace"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"u2","userId":"7","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""");
        var stored = await FindExistingAsync("user:7");
        var crawl = Enumerable.Range(0, 60_000).Select(i => Segment.Message(
            $$"""{"type":"page","messageId":"crawl-{{i}}","anonymousId":"crawler","timestamp":"2026-03-02T00:00:00Z"}"""));
        await using var session = await Store.BeginIngestAsync(Workspace, Token);

        await session.AddAsync(
            [
                Segment.Message("""{"type":"page","messageId":"l1","anonymousId":"late","timestamp":"2026-02-28T09:00:00Z"}"""),
                Segment.Message("""{"type":"identify","messageId":"l2","userId":"7","traits":{"name":"Grace Hopper"},"timestamp":"2026-03-03T10:00:00Z"}"""),
                .. crawl,
            ],
            Token);
        var whileOpen = await Store.GetStatsAsync(Workspace, Token);
        await session.AddAsync(
            [
                Segment.Message("""{"type":"identify","messageId":"l3","userId":"7","traits":{"name":"G. Hopper"},"timestamp":"2026-03-02T10:00:00Z"}"""),
                Segment.Message("""{"type":"identify","messageId":"l4","anonymousId":"late","userId":"7","timestamp":"2026-03-04T10:00:00Z"}"""),
            ],
            Token);
        var summary = await session.CommitAsync(Token);

        Assert.Equal(1, whileOpen.Activities);
        Assert.Equal(
            new IngestSummary { MessagesRead = 60_004, ActivitiesStored = 60_001, ProfileUpdatesStored = 3, MembersCreated = 1, IdentitiesAdded = 2 },
            summary);
        var member = await FindExistingAsync("anonymous:late");
        Assert.Equal(stored.Id, member.Id);
        Assert.Equal(["anonymous:late", "user:7"], member.Identities);
        Assert.Equal("Grace Hopper", member.Name);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(Utc(2, 28, 9), member.FirstActivity);
        Assert.Equal(Utc(2, 28, 9), member.StagesReached[JourneyStage.Discover]);
        Assert.Equal(Utc(3, 1, 10), member.StagesReached[JourneyStage.Evaluate]);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(2, stats.Developers);
        Assert.Equal(60_002, stats.Activities);
        Assert.Equal(new Dictionary<string, long> { ["anonymous"] = 2, ["user"] = 1 }, stats.Identities.ToDictionary());
        Assert.Equal(60_000, (await FindExistingAsync("anonymous:crawler")).ActivityCount);
    }

    [Fact]
    public async Task A_member_id_absorbed_by_a_merge_is_not_given_to_a_new_developer_after_reopening()
    {
        await IngestAsync("""{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""");
        await IngestAsync("""{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var absorbed = (await FindExistingAsync("user:7")).Id;
        await IngestAsync("""{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""");
        var path = StorePath;
        await CloseAsync(Store);

        var (reopened, workspace) = await ReopenAsync(path);
        await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"d1","anonymousId":"newcomer","timestamp":"2026-03-04T10:00:00Z"}""");

        var survivor = await FindAsync(reopened, workspace, "user:7");
        var newcomer = await FindAsync(reopened, workspace, "anonymous:newcomer");
        Assert.NotNull(survivor);
        Assert.NotNull(newcomer);
        Assert.NotEqual(survivor.Id, absorbed);
        Assert.NotEqual(absorbed, newcomer.Id);
    }
}

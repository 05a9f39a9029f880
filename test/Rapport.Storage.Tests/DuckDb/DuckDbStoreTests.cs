using DuckDB.NET.Data;
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

    protected override async Task<IRapportStore> ReopenStoreAsync(IRapportStore store)
    {
        var path = ((DuckDbStore)store).Path;
        await CloseAsync(store);
        return RapportStore.Open(path, Clock);
    }

    // Connections to one file in one process share the database, as the web server's and a CLI command's would not;
    // within a process, two stores on the file are what two instances are on PostgreSQL.
    protected override Task<IRapportStore> OpenSameDataAsync(IRapportStore store) =>
        Task.FromResult(Track(RapportStore.Open(((DuckDbStore)store).Path, Clock)));

    protected override async Task<(IRapportStore Store, IReadOnlyList<string> Values)> RunDirectlyAsync(IRapportStore store, string sql)
    {
        var path = ((DuckDbStore)store).Path;
        await CloseAsync(store);
        var values = new List<string>();
        using (var connection = new DuckDBConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }
        }

        return (RapportStore.Open(path, Clock), values);
    }

    protected override ValueTask DeleteStoresAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string StorePath => ((DuckDbStore)Store).Path;

    [Fact]
    public async Task The_change_marker_stays_while_only_reads_happen()
    {
        await IngestAsync("""{"type":"track","messageId":"m1","userId":"ada","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""");
        var before = await Store.GetChangeMarkerAsync(Token);
        await Store.GetFunnelAsync(Workspace, Core.Reports.DateRange.All, Token);
        await Store.ListMembersAsync(Workspace, new Core.Members.MemberQuery(), Token);

        Assert.Equal(before, await Store.GetChangeMarkerAsync(Token));
    }

    [Fact]
    public async Task A_bulk_import_lowers_the_memory_limit_while_it_runs_and_gives_it_back()
    {
        var before = MemoryLimit(StorePath);
        var messages = Segment.Messages(Enumerable.Range(0, 60_000).Select(i =>
            $$"""{"type":"track","messageId":"bulk-{{i}}","anonymousId":"anon-{{i % 100}}","event":"Docs Viewed","timestamp":"2026-03-02T10:00:00Z"}"""));

        string during;
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(messages, Token);
            during = MemoryLimit(StorePath);
            await session.CommitAsync(Token);
        }

        Assert.Equal(LimitOf(DuckDbBulkLimit), during);
        Assert.NotEqual(before, during);
        Assert.Equal(before, MemoryLimit(StorePath));
        Assert.Equal(60_000, (await Store.GetStatsAsync(Workspace, Token)).Activities);
    }

    [Fact]
    public async Task After_a_bulk_import_the_next_session_still_knows_its_message_ids_and_developers()
    {
        // A bulk import's commit lets go of the identity graph and the message keys; the next session loads them again.
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(Segment.Messages(Enumerable.Range(0, 60_000).Select(i =>
                $$"""{"type":"track","messageId":"bulk-{{i}}","anonymousId":"anon-{{i % 100}}","event":"Docs Viewed","timestamp":"2026-03-02T10:00:00Z"}""")), Token);
            await session.CommitAsync(Token);
        }

        Core.Ingest.IngestSummary summary;
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(Segment.Messages([
                """{"type":"track","messageId":"bulk-7","anonymousId":"anon-7","event":"Docs Viewed","timestamp":"2026-03-02T10:00:00Z"}""",
                """{"type":"identify","messageId":"later-1","anonymousId":"anon-7","userId":"ada","timestamp":"2026-03-03T10:00:00Z"}""",
            ]), Token);
            summary = await session.CommitAsync(Token);
        }

        Assert.Equal(
            new Core.Ingest.IngestSummary { MessagesRead = 2, ProfileUpdatesStored = 1, DuplicatesSkipped = 1, IdentitiesAdded = 1 },
            summary);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal((60_000L, 100L, 1L), (stats.Activities, stats.Developers, stats.IdentifiedDevelopers));
    }

    [Fact]
    public async Task A_bulk_import_in_many_chunks_stores_every_text_as_sent_and_a_repeat_of_an_earlier_chunk_once()
    {
        // The Appenders stay open from chunk to chunk and take text as UTF-8: multi-byte text and a value longer than
        // their first buffer must arrive intact, and a repeat must be found among rows still in an open Appender.
        var agent = "Agent/1.0 (" + new string('x', 3_000) + ") ✓";
        string Page(int i) =>
            $$$"""{"type":"page","messageId":"p-{{{i}}}","anonymousId":"anon-{{{i % 50}}}","timestamp":"2026-03-02T10:00:00Z","context":{"page":{"url":"https://example.com/docs/{{{i}}}","title":"Grüße ✓ 日本語 🚀 {{{i}}}"},"userAgent":"{{{agent}}}"}}""";

        Core.Ingest.IngestSummary summary;
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(Segment.Messages(Enumerable.Range(0, 5_000).Select(Page)), Token);
            await session.AddAsync(Segment.Messages(Enumerable.Range(5_000, 5_000).Select(Page)), Token);
            await session.AddAsync(Segment.Messages([.. Enumerable.Range(0, 10).Select(Page), .. Enumerable.Range(9_990, 10).Select(Page), Page(10_000)]), Token);
            summary = await session.CommitAsync(Token);
        }

        Assert.Equal((10_021L, 10_001L, 20L), (summary.MessagesRead, summary.ActivitiesStored, summary.DuplicatesSkipped));
        var (_, _, values) = await RunBehindStoreAsync(
            Store, "SELECT title || '|' || user_agent || '|' || url FROM activities WHERE message_id IN ('p-4321', 'p-10000') ORDER BY message_id");
        Assert.Equal(
            [$"Grüße ✓ 日本語 🚀 10000|{agent}|https://example.com/docs/10000", $"Grüße ✓ 日本語 🚀 4321|{agent}|https://example.com/docs/4321"],
            values);
    }

    [Fact]
    public async Task Activities_written_as_data_chunks_keep_nulls_empty_text_keys_and_times_as_given()
    {
        // Over two data chunks of 2,048 rows, written in the background (past the flush threshold) and at commit.
        var at = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560);
        Core.Ingest.IngestMessage Activity(int i) => new()
        {
            MessageId = $"m-{i}",
            MessageKey = Guid.Parse($"f{i:D7}-0000-4000-8000-{i:D12}"),
            Kind = Core.Ingest.MessageKind.Track,
            ActivityType = "Docs Viewed",
            Primary = Core.Identities.Identity.Create("anonymous", $"a-{i % 7}"),
            Identities = [Core.Identities.Identity.Create("anonymous", $"a-{i % 7}")],
            Timestamp = at.AddSeconds(i),
            PropertiesJson = (i % 3) switch { 0 => null, 1 => "{}", _ => """{"n":1}""" },
            Context = new Core.Ingest.ActivityContext { Title = i % 2 == 0 ? "" : null, Url = $"https://example.com/{i}", Ip = i == 4_100 ? "203.0.113.9" : null },
        };

        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync([.. Enumerable.Range(0, 4_200).Select(Activity)], Token);
            await session.AddAsync([.. Enumerable.Range(4_200, 100).Select(Activity)], Token);
            await session.CommitAsync(Token);
        }

        var (store, _, values) = await RunBehindStoreAsync(Store,
            """
            SELECT concat_ws(',', count(*), count(*) FILTER (WHERE title = ''), count(*) FILTER (WHERE title IS NULL),
                   count(*) FILTER (WHERE properties IS NULL), count(*) FILTER (WHERE properties::VARCHAR = '{}'),
                   count(ip), max(ip), strftime(min(occurred_at), '%Y-%m-%d %H:%M:%S.%f'), count(DISTINCT message_key),
                   max(url), min(source), count(DISTINCT received_at))
            FROM activities
            """);
        Assert.Equal(["4300,2150,2150,1434,1433,1,203.0.113.9,2026-03-02 10:00:00.123456,4300,https://example.com/999,segment,1"], values);

        (_, _, values) = await RunBehindStoreAsync(store, "SELECT message_key FROM activities WHERE message_id = 'm-4199'");
        Assert.Equal(["f0004199-0000-4000-8000-000000004199"], values);
    }

    private const string DuckDbBulkLimit = "128MB";

    /// <summary>DuckDB's memory limit as it prints it; connections to one file in one process share the database.</summary>
    private static string MemoryLimit(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        return CurrentLimit(connection);
    }

    private static string LimitOf(string limit)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SET memory_limit = '{limit}'";
            command.ExecuteNonQuery();
        }

        return CurrentLimit(connection);
    }

    private static string CurrentLimit(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        return (string)command.ExecuteScalar()!;
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

}

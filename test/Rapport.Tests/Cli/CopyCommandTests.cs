using Rapport.Storage.Tests.Postgres;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport copy</c> run as a process: between DuckDB files, and to PostgreSQL and back.</summary>
public sealed class CopyCommandTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _journey = Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl");
    private string? _database;

    [Fact]
    public async Task Copy_between_DuckDB_files_prints_the_counts_and_refuses_a_workspace_that_holds_data()
    {
        Assert.Equal(0, (await RunAsync("--db", "a.duckdb", "--workspace", "acme", "import", "segment", _journey)).ExitCode);

        var copied = await RunAsync("copy", "--from", "a.duckdb", "--to", "b.duckdb", "--workspace", "acme");

        Assert.True(copied.ExitCode == 0, copied.Error);
        Assert.Matches(@"activities\s*│\s*8\s*│\s*8\s*│\s*ok", copied.Output);
        Assert.Matches(@"identities\s*│\s*(\d+)\s*│\s*\1\s*│\s*ok", copied.Output);
        Assert.DoesNotContain("differs", copied.Output, StringComparison.Ordinal);
        Assert.Equal(
            (await RunAsync("--db", "a.duckdb", "--workspace", "acme", "report", "funnel", "--json")).Output,
            (await RunAsync("--db", "b.duckdb", "--workspace", "acme", "report", "funnel", "--json")).Output);

        var again = await RunAsync("copy", "--from", "a.duckdb", "--to", "b.duckdb", "--workspace", "acme");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds data", again.Error, StringComparison.Ordinal);
        var missing = await RunAsync("copy", "--from", "a.duckdb", "--to", "c.duckdb", "--workspace", "nobody");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("there is no workspace 'nobody'", missing.Error, StringComparison.Ordinal);
        var mistyped = await RunAsync("copy", "--from", "typo.duckdb", "--to", "c.duckdb");
        Assert.Equal(1, mistyped.ExitCode);
        Assert.Contains("there is no DuckDB file typo.duckdb", mistyped.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("typo.duckdb")));
    }

    [Fact]
    public async Task Copy_to_PostgreSQL_and_back_keeps_the_funnel_members_and_keys()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync("--db", "a.duckdb", "import", "segment", _journey)).ExitCode);
        var created = await RunAsync("--db", "a.duckdb", "keys", "create", "--scope", "ingest");
        Assert.True(created.ExitCode == 0, created.Error);

        var toPostgres = await RunAsync("copy", "--from", "a.duckdb", "--to", _database);
        var back = await RunAsync("copy", "--from", _database, "--to", "b.duckdb");

        Assert.True(toPostgres.ExitCode == 0, toPostgres.Error);
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Matches(@"api_keys\s*│\s*1\s*│\s*1\s*│\s*ok", back.Output);
        foreach (var query in new[] { new[] { "report", "funnel", "--json" }, ["stats", "--json"], ["members", "show", "github:Ada-L", "--json"], ["keys", "list"] })
        {
            var expected = await RunAsync(["--db", "a.duckdb", .. query]);
            Assert.Equal(expected.Output, (await RunAsync(["--db", _database, .. query])).Output);
            Assert.Equal(expected.Output, (await RunAsync(["--db", "b.duckdb", .. query])).Output);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _directory.Dispose();
        if (_database is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_database);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, arguments);

}

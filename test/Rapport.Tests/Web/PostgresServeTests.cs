using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rapport.Storage.Tests.Postgres;

namespace Rapport.Tests.Web;

/// <summary>
/// Two <c>rapport serve</c> processes on one PostgreSQL database, each sent every message (as a client that retries
/// against another instance would), store each message once and merge identities as one process would.
/// Needs <c>RAPPORT_TEST_POSTGRES</c>: skipped without it, failed without it on CI.
/// </summary>
public sealed class PostgresServeTests : IAsyncLifetime
{
    private const int Developers = 40;

    private readonly TemporaryDirectory _directory = new();
    private string? _database;

    [Fact]
    public async Task Two_servers_on_one_database_store_every_message_once_and_merge_identities()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        var created = await RapportProcess.RunAsync(_directory.Path, "--db", _database, "keys", "create", "--scope", "ingest");
        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));
        var messages = Enumerable.Range(0, Developers).SelectMany(developer => new[]
        {
            $$"""{"type":"page","messageId":"p-{{developer}}","anonymousId":"anon-{{developer}}","timestamp":"2026-03-01T10:00:00Z"}""",
            $$"""{"type":"identify","messageId":"i-{{developer}}","anonymousId":"anon-{{developer}}","userId":"{{developer}}","timestamp":"2026-03-02T10:00:00Z"}""",
            $$"""{"type":"track","messageId":"t-{{developer}}","userId":"{{developer}}","event":"API Called","timestamp":"2026-03-03T10:00:00Z"}""",
        }).ToList();

        using (var first = await RapportServerProcess.StartAsync(_directory.Path, "--db", _database))
        using (var second = await RapportServerProcess.StartAsync(_directory.Path, "--db", _database))
        {
            // The first server gets the messages in order, the second in reverse, four requests at a time each.
            await Task.WhenAll(
                SendAsync(first.Address, key, messages),
                SendAsync(second.Address, key, [.. Enumerable.Reverse(messages)]));
        }

        var stats = await RapportProcess.RunAsync(_directory.Path, "--db", _database, "stats", "--json");
        Assert.True(stats.ExitCode == 0, stats.Error);
        using var document = JsonDocument.Parse(stats.Output);
        Assert.Equal(Developers, document.RootElement.GetProperty("developers").GetInt64());
        Assert.Equal(Developers, document.RootElement.GetProperty("identifiedDevelopers").GetInt64());
        Assert.Equal(2 * Developers, document.RootElement.GetProperty("activities").GetInt64());
        var member = await RapportProcess.RunAsync(_directory.Path, "--db", _database, "members", "show", "anonymous:anon-7", "--json");
        Assert.True(member.ExitCode == 0, member.Error);
        Assert.Contains("user:7", member.Output, StringComparison.Ordinal);

        // The same messages imported once by a single process into DuckDB give the same funnel, counts and developers.
        var file = _directory.File("messages.jsonl");
        await File.WriteAllLinesAsync(file, messages, TestContext.Current.CancellationToken);
        var duckDb = _directory.File("single.duckdb");
        var imported = await RapportProcess.RunAsync(_directory.Path, "--db", duckDb, "import", "segment", file);
        Assert.True(imported.ExitCode == 0, imported.Error);
        foreach (var report in new[] { new[] { "report", "funnel", "--json" }, ["stats", "--json"], ["members", "show", "user:7", "--json"] })
        {
            var onPostgres = await RapportProcess.RunAsync(_directory.Path, ["--db", _database, .. report]);
            var onDuckDb = await RapportProcess.RunAsync(_directory.Path, ["--db", duckDb, .. report]);
            Assert.Equal(WithoutMemberId(onDuckDb.Output), WithoutMemberId(onPostgres.Output));
        }
    }

    /// <summary>Member ids depend on the order two servers happened to see messages in; everything else must agree.</summary>
    private static string WithoutMemberId(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        if (node is System.Text.Json.Nodes.JsonObject member && member.ContainsKey("identities"))
        {
            member.Remove("id");
        }

        return node.ToJsonString();
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

    private static async Task SendAsync(Uri address, string key, IReadOnlyList<string> messages)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = TestContext.Current.CancellationToken },
            async (message, cancellationToken) =>
            {
                using var content = new StringContent($$"""{"batch":[{{message}}]}""", Encoding.UTF8, "application/json");
                using var response = await http.PostAsync("/v1/batch", content, cancellationToken);
                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            });
    }

}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Rapport.Storage;
using Rapport.Storage.Tests.Postgres;

namespace Rapport.Tests.Operations;

/// <summary>What an operator's probes and monitoring see of a running <c>rapport serve</c>.</summary>
public sealed class ObservabilityTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private string? _database;

    [Fact]
    public async Task Readyz_answers_with_the_schema_while_the_store_is_there_and_503_once_its_file_is_gone()
    {
        var db = _directory.File("ready.duckdb");
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);
        using var http = new HttpClient { BaseAddress = server.Address };

        using (var ready = await http.GetAsync("/readyz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(RapportStore.LatestSchema.Version, body.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.True(body.RootElement.GetProperty("storeSizeBytes").GetInt64() > 0);
        }

        File.Delete(db);

        using var gone = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ready.duckdb is gone", await gone.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_503_when_the_PostgreSQL_database_is_dropped_under_the_server()
    {
        _database = await PostgresTestServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", _database);
        using var http = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);

        await PostgresTestServer.DropDatabaseAsync(_database);
        _database = null;

        using var gone = await http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);
        Assert.Contains("does not answer", await gone.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_metrics_count_ingested_messages_and_requests_when_enabled()
    {
        var db = _directory.File("metrics.duckdb");
        var created = await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", "ingest");
        var key = created.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));
        using var server = await RapportServerProcess.StartAsync(_directory.Path,
            new Dictionary<string, string> { ["RAPPORT__SERVER__PROMETHEUSMETRICS"] = "true" }, "--db", db);
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));

        using var content = new StringContent(
            """{"batch":[{"type":"track","userId":"1","event":"A","messageId":"m1"},{"type":"track","userId":"2","event":"A","messageId":"m2"},{"type":"track","userId":"3","event":"A","messageId":"m3"}]}""",
            Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/v1/batch", content, TestContext.Current.CancellationToken)).StatusCode);

        var metrics = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Matches(@"(?m)^rapport_ingest_messages_total(\{[^}]*\})? 3( |$)", metrics);
        Assert.Matches(@"(?m)^rapport_ingest_commits_total(\{[^}]*\})? 1( |$)", metrics);
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{[^}]*http_route=""/v1/batch""[^}]*\} 1( |$)", metrics);
    }

    [Fact]
    public async Task Metrics_are_not_served_unless_enabled()
    {
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", _directory.File("quiet.duckdb"));
        using var http = new HttpClient { BaseAddress = server.Address };

        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
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
}

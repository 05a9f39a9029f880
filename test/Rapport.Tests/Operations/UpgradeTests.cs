using System.IO.Compression;
using System.Text.Json;
using Rapport.Storage;

namespace Rapport.Tests.Operations;

/// <summary>A store written by the first release format opens in this Rapport, is migrated, and reports the same numbers.</summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_store_written_by_the_first_release_format_is_migrated_and_keeps_its_developers_keys_and_users()
    {
        var old = _directory.File("old.duckdb");
        await using (var compressed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "stores", "schema-0005.duckdb.gz")))
        await using (var gzip = new GZipStream(compressed, CompressionMode.Decompress))
        await using (var file = File.Create(old))
        {
            await gzip.CopyToAsync(file, TestContext.Current.CancellationToken);
        }

        var migrated = await RunAsync("--db", old, "migrate");
        Assert.Contains($"schema version {RapportStore.LatestSchema.Version}", migrated, StringComparison.Ordinal);

        // The same messages imported by this Rapport into a new store are the reference.
        Assert.NotNull(await RunAsync("--db", "fresh.duckdb", "import", "segment", Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl")));
        Assert.Equal(await RunAsync("--db", "fresh.duckdb", "report", "funnel", "--json"), await RunAsync("--db", old, "report", "funnel", "--json"));
        Assert.Equal(await RunAsync("--db", "fresh.duckdb", "stats", "--json"), await RunAsync("--db", old, "stats", "--json"));
        using (var stats = JsonDocument.Parse(await RunAsync("--db", old, "stats", "--json")))
        {
            Assert.Equal(4, stats.RootElement.GetProperty("developers").GetInt64());
        }

        using var keys = JsonDocument.Parse(await RunAsync("--db", old, "keys", "list", "--json"));
        Assert.Equal("fixture", Assert.Single(keys.RootElement.EnumerateArray()).GetProperty("name").GetString());
        Assert.Contains("owner@example.com", await RunAsync("--db", old, "users", "list", "--json"), StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, arguments);
        Assert.True(exitCode == 0, $"rapport {string.Join(' ', arguments)}: {error}");
        return output;
    }
}

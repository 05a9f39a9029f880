using System.Text.Json;
using Rapport.Connectors.Beacons;
using Rapport.Storage;

namespace Rapport.Tests.Security;

/// <summary><c>rapport privacy prune</c> and the <c>Privacy:PageViewRetentionDays</c> setting, run as a user runs them.</summary>
public sealed class RetentionCommandTests : IDisposable
{
    private const string Post = "https://blog.example.com/post";

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Prune_rolls_up_views_past_the_retention_period_once_and_the_audit_log_names_the_command_line_user()
    {
        var now = DateTime.UtcNow;
        await using (var store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System))
        {
            var workspace = await store.GetOrCreateWorkspaceAsync("default", Token);
            await using var session = await store.BeginIngestAsync(workspace, Token);
            await session.AddAsync(
            [
                PageBeacons.ToMessage(new PageBeacon("k", "r1", "old-1", 0, Post, null, null, 40), now.AddDays(-100), null),
                PageBeacons.ToMessage(new PageBeacon("k", "r2", "old-2", 0, Post, null, null, 2), now.AddDays(-100).AddMinutes(1), null),
                PageBeacons.ToMessage(new PageBeacon("k", "r3", "new-1", 0, Post, null, null, 40), now.AddDays(-1), null),
            ], Token);
            await session.CommitAsync(Token);
        }

        var unset = await RunAsync("privacy", "prune");
        var negative = await RunAsync("privacy", "prune", "--days", "0");
        var pruned = await RunAsync("privacy", "prune", "--days", "30", "--json");
        var again = await RunAsync("privacy", "prune", "--days", "30", "--json");
        var audit = await RunAsync("audit", "--json");

        Assert.Equal(1, unset.ExitCode);
        Assert.Contains("no retention period: give --days N or set Privacy:PageViewRetentionDays", unset.Error, StringComparison.Ordinal);
        Assert.Equal((1, "rapport: --days must be from 1 to 3650, not 0"), (negative.ExitCode, negative.Error.Trim()));
        Assert.Equal(0, pruned.ExitCode);
        using (var json = JsonDocument.Parse(pruned.Output))
        {
            Assert.Equal((2L, 1, 2L), (json.RootElement.GetProperty("viewsRolledUp").GetInt64(), json.RootElement.GetProperty("totalsWritten").GetInt32(),
                json.RootElement.GetProperty("activitiesDeleted").GetInt64()));
        }

        using (var json = JsonDocument.Parse(again.Output))
        {
            Assert.Equal(0, json.RootElement.GetProperty("activitiesDeleted").GetInt64());
        }

        using var entries = JsonDocument.Parse(audit.Output);
        var entry = Assert.Single(entries.RootElement.EnumerateArray());
        Assert.Equal(("cli:" + Environment.UserName, "page_views.pruned"), (entry.GetProperty("actor").GetString(), entry.GetProperty("action").GetString()));
        Assert.Equal("2 views rolled up into 1 page-day totals, 2 raw rows deleted", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_retention_setting_is_the_default_period_and_a_bad_value_is_refused_by_name()
    {
        await using (var store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System))
        {
            var workspace = await store.GetOrCreateWorkspaceAsync("default", Token);
            await using var session = await store.BeginIngestAsync(workspace, Token);
            await session.AddAsync([PageBeacons.ToMessage(new PageBeacon("k", "r1", "old-1", 0, Post, null, null, 40), DateTime.UtcNow.AddDays(-10), null)], Token);
            await session.CommitAsync(Token);
        }

        var kept = await RunAsync(new Dictionary<string, string> { ["RAPPORT__PRIVACY__PAGEVIEWRETENTIONDAYS"] = "11" }, "privacy", "prune", "--json");
        var bad = await RunAsync(new Dictionary<string, string> { ["RAPPORT__PRIVACY__PAGEVIEWRETENTIONDAYS"] = "-1" }, "privacy", "prune");
        var pruned = await RunAsync(new Dictionary<string, string> { ["RAPPORT__PRIVACY__PAGEVIEWRETENTIONDAYS"] = "9" }, "privacy", "prune", "--json");

        using (var json = JsonDocument.Parse(kept.Output))
        {
            Assert.Equal(0, json.RootElement.GetProperty("viewsRolledUp").GetInt64());
        }

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("Privacy:PageViewRetentionDays must be 0 (keep page views) or a number of days up to 3650 (it is '-1', environment variable RAPPORT__PRIVACY__PAGEVIEWRETENTIONDAYS)",
            bad.Error, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(pruned.Output))
        {
            Assert.Equal(1, json.RootElement.GetProperty("viewsRolledUp").GetInt64());
        }
    }

    public void Dispose() => _directory.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, environment, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

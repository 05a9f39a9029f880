using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Rapport.Core.ApiKeys;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Clients;

/// <summary>
/// Segment's own Node.js client (<c>@segment/analytics-node</c>, from npm) pointed at a local Rapport, unchanged but
/// for its host: what a DevRel team does on day one.
/// </summary>
public sealed class SegmentNodeClientTests : IAsyncLifetime
{
    private static readonly string ClientDirectory = Path.Combine(AppContext.BaseDirectory, "Clients", "segment-node");
    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private WebApplication _app = null!;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Identify_track_page_and_alias_from_the_official_client_arrive_exactly_as_sent()
    {
        await EnsureClientInstalledAsync();
        var workspace = await _store.GetOrCreateWorkspaceAsync("default", TestContext.Current.CancellationToken);
        var key = await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "node client", TestContext.Current.CancellationToken);

        var (exitCode, output) = await RunAsync("node", ["send.mjs"], new()
        {
            ["RAPPORT_URL"] = _app.Urls.Single(),
            ["RAPPORT_WRITE_KEY"] = key.Plaintext,
        });

        Assert.True(exitCode == 0, output);
        Assert.Contains("delivered", output, StringComparison.Ordinal);
        var member = await _store.FindMemberAsync(workspace, Identity.Parse("github:nodedev"), TestContext.Current.CancellationToken);
        Assert.NotNull(member);
        Assert.Equal(
            ["anonymous:legacy-device-7", "anonymous:node-anon-1", "email:node.dev@example.com", "github:nodedev", "user:node-user-1"],
            member.Identities);
        Assert.Equal("Node Dev", member.Name);
        Assert.Equal("Globex", member.Traits["company"].GetString());
        Assert.Equal(JourneyStage.Build, member.Stage);
        Assert.Equal(3, member.ActivityCount);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), member.StagesReached[JourneyStage.Discover]);
        Assert.Equal(new DateTime(2026, 3, 1, 10, 5, 0, DateTimeKind.Utc), member.StagesReached[JourneyStage.Evaluate]);
        Assert.Equal(new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), member.StagesReached[JourneyStage.Build]);
        var stats = await _store.GetStatsAsync(workspace, TestContext.Current.CancellationToken);
        Assert.Equal(1, stats.Developers);
        Assert.Equal(3, stats.Activities);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Installs the client from the committed lock file on first use (CI and a fresh clone have no node_modules).</summary>
    private static async Task EnsureClientInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(ClientDirectory, "node_modules", "@segment", "analytics-node")))
        {
            return;
        }

        var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], []);
        Assert.True(exitCode == 0, $"npm ci failed: {output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}

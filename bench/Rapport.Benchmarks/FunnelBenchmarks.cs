using BenchmarkDotNet.Attributes;
using Rapport.Connectors.Segment;
using Rapport.Core.Funnel;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>
/// <c>rapport report funnel</c> on a store of about ten million messages from a million developers, imported once
/// and cached beside the traffic file.
/// </summary>
[MemoryDiagnoser]
public class FunnelBenchmarks
{
    /// <summary>A quarter of the generated year, by first activity: what <c>--from 2025-07-01 --to 2025-09-30</c> asks for.</summary>
    private static readonly DateRange Quarter = DateRange.Parse("2025-07-01", "2025-09-30");

    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    [GlobalSetup]
    public async Task OpenStore()
    {
        var traffic = TrafficFile.ForMessages(10_000_000);
        var path = Path.ChangeExtension(traffic.Path, ".duckdb");
        if (!File.Exists(path))
        {
            var partial = path + ".partial";
            File.Delete(partial);
            File.Delete(partial + ".wal");
            await using (var store = RapportStore.Open(partial, TimeProvider.System))
            {
                var workspace = await store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, CancellationToken.None);
                await using var input = File.OpenRead(traffic.Path);
                await new SegmentImport(store, TimeProvider.System).ImportAsync(workspace, input, traffic.Path, skipInvalid: false);
            }

            File.Move(partial, path);
        }

        _store = RapportStore.Open(path, TimeProvider.System);
        _workspace = await _store.FindWorkspaceAsync(Workspace.DefaultSlug, CancellationToken.None)
            ?? throw new InvalidOperationException($"{path} has no default workspace");
        var stats = await _store.GetStatsAsync(_workspace, CancellationToken.None);
        Console.WriteLine($"// {path}: {stats.Developers:N0} developers, {stats.Activities:N0} activities");
    }

    [Benchmark(Baseline = true)]
    public Task<FunnelReport> AllTime() => _store.GetFunnelAsync(_workspace, DateRange.All, CancellationToken.None);

    [Benchmark]
    public Task<FunnelReport> OneQuarter() => _store.GetFunnelAsync(_workspace, Quarter, CancellationToken.None);

    [GlobalCleanup]
    public async Task CloseStore() => await _store.DisposeAsync();
}

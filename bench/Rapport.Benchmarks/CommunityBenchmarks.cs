using BenchmarkDotNet.Attributes;
using Rapport.Core.Community;
using Rapport.Core.Outreach;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>
/// The community refresh (levels, 12-month history, stalled state and the outreach queue for every member, as
/// <c>rapport outreach refresh</c> and <c>rapport serve</c> run it) and the reads that pages make of its results, on
/// the store imported from the traffic file (<see cref="BenchmarkStores.OpenImportedAsync"/>), as of the traffic's
/// last day. The first refresh of a store also creates its outreach tasks; the measured ones are the refreshes after it,
/// which re-derive everything and find the tasks already there.
/// </summary>
/// <remarks>
/// On a busy machine, building the benchmark executable can outlast BenchmarkDotNet's default two-minute build
/// timeout: pass <c>--buildTimeout 900</c> (docs/benchmarks.md). Not in process: BenchmarkDotNet stops in-process
/// benchmarks that run for minutes.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CommunityBenchmarks
{
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    [ParamsSource(typeof(BenchmarkStores), nameof(BenchmarkStores.Sizes))]
    public int Messages { get; set; }

    [ParamsSource(typeof(BenchmarkStores), nameof(BenchmarkStores.Backends))]
    public Backend Backend { get; set; }

    [GlobalSetup]
    public async Task OpenStore()
    {
        var traffic = TrafficFile.ForMessages(Messages);
        _store = await BenchmarkStores.OpenImportedAsync(Backend, traffic);
        _workspace = await _store.FindWorkspaceAsync(Workspace.DefaultSlug, CancellationToken.None)
            ?? throw new InvalidOperationException($"{traffic.Path}'s {Backend} store has no default workspace");
        var first = await _store.RefreshCommunityAsync(_workspace, TrafficFile.End, CancellationToken.None);
        var levels = await _store.GetLevelReportAsync(_workspace, 0, CancellationToken.None);
        Console.WriteLine(
            $"// {Backend} store of {traffic.Path}: {first.Members:N0} members; {levels.Current}; first refresh created {first.TasksCreated.Count:N0} tasks");
    }

    [Benchmark(Baseline = true)]
    public Task<CommunityRefresh> Refresh() => _store.RefreshCommunityAsync(_workspace, TrafficFile.End, CancellationToken.None);

    /// <summary><c>rapport report levels</c>, and the Community page's chart and table.</summary>
    [Benchmark]
    public Task<LevelReport> LevelReport() => _store.GetLevelReportAsync(_workspace, 10, CancellationToken.None);

    /// <summary>The Outreach page's first page of open tasks.</summary>
    [Benchmark]
    public Task<OutreachPage> OpenTasks() =>
        _store.ListOutreachTasksAsync(_workspace, new OutreachQuery { Status = OutreachStatus.Open, Limit = 20 }, CancellationToken.None);

    [GlobalCleanup]
    public async Task CloseStore() => await _store.DisposeAsync();
}

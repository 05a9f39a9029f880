using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>
/// The store's reports on a store imported once from the traffic file and cached (see
/// <see cref="BenchmarkStores.OpenImportedAsync"/>): <c>rapport report funnel</c> (all time and one quarter), a member
/// lookup by email and the workspace's stats, and the funnel of one first-touch channel, on each backend.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public partial class FunnelBenchmarks
{
    /// <summary>A quarter of the generated year, by first activity: what <c>--from 2025-07-01 --to 2025-09-30</c> asks for.</summary>
    private static readonly DateRange Quarter = DateRange.Parse("2025-07-01", "2025-09-30");

    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private Identity[] _emails = [];
    private int _nextEmail;

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
        var stats = await _store.GetStatsAsync(_workspace, CancellationToken.None);
        Console.WriteLine($"// {Backend} store of {traffic.Path}: {stats.Developers:N0} developers, {stats.Activities:N0} activities");

        // The first thousand distinct emails in the file, looked up in turn so that no single row stays hot.
        _emails = File.ReadLines(traffic.Path)
            .Select(line => EmailTrait().Match(line))
            .Where(match => match.Success)
            .Select(match => Identity.Create("email", match.Groups[1].Value))
            .Distinct()
            .Take(1_000)
            .ToArray();
        foreach (var email in _emails.Take(10))
        {
            _ = await _store.FindMemberAsync(_workspace, email, CancellationToken.None)
                ?? throw new InvalidOperationException($"{email.Value} is in the traffic file but not in the store");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<FunnelReport> AllTime() => _store.GetFunnelAsync(_workspace, DateRange.All, CancellationToken.None);

    [Benchmark]
    public Task<FunnelReport> OneQuarter() => _store.GetFunnelAsync(_workspace, Quarter, CancellationToken.None);

    /// <summary>
    /// <c>rapport report funnel --channel google.com</c>: the developers whose first activity came through the demo
    /// traffic's most frequent channel (28 % of first visits), all time.
    /// </summary>
    [Benchmark]
    public Task<FunnelReport> FirstTouchChannel() =>
        _store.GetFunnelAsync(_workspace, new FunnelFilter(DateRange.All, Channel: "google.com"), CancellationToken.None);

    /// <summary><c>rapport members show email:ADDRESS</c>: one lookup by an email identity per call, a different email each time.</summary>
    [Benchmark]
    public Task<MemberProfile?> FindMemberByEmail() =>
        _store.FindMemberAsync(_workspace, _emails[_nextEmail++ % _emails.Length], CancellationToken.None);

    /// <summary><c>rapport stats</c>.</summary>
    [Benchmark]
    public Task<WorkspaceStats> Stats() => _store.GetStatsAsync(_workspace, CancellationToken.None);

    [GlobalCleanup]
    public async Task CloseStore() => await _store.DisposeAsync();

    [GeneratedRegex("\"email\":\"([^\"]+)\"")]
    private static partial Regex EmailTrait();
}

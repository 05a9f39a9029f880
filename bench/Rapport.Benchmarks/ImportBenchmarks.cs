using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>
/// <c>rapport import segment FILE</c> into a fresh DuckDB file, through the same code as the command: open the
/// store, import in one transaction, close (DuckDB checkpoints on close). <see cref="ParseOnly"/> reads and parses
/// the same file without storing it, to show how much of the time the store takes.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ImportBenchmarks
{
    private TrafficFile _traffic = null!;
    private string _database = null!;

    [Params(1_000_000, 10_000_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void GenerateTraffic()
    {
        _traffic = TrafficFile.ForMessages(Messages);
        _database = Path.Combine(TrafficFile.DataDirectory, $"import-{Messages}.duckdb");
        Console.WriteLine($"// {_traffic.Path}: {_traffic.Messages:N0} messages");
    }

    [IterationSetup]
    public void DeleteStore()
    {
        File.Delete(_database);
        File.Delete(_database + ".wal");
    }

    [Benchmark(Baseline = true)]
    public async Task<IngestSummary> Import()
    {
        await using var store = RapportStore.Open(_database, TimeProvider.System);
        var workspace = await store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, CancellationToken.None);
        await using var input = OpenTraffic();
        return await new SegmentImport(store, TimeProvider.System).ImportAsync(workspace, input, _traffic.Path, skipInvalid: false);
    }

    [Benchmark]
    public async Task<long> ParseOnly()
    {
        await using var input = OpenTraffic();
        var reader = new SegmentJsonLinesReader(input, TimeProvider.System);
        var messages = 0L;
        await foreach (var chunk in reader.ReadChunksAsync())
        {
            messages += chunk.Count;
        }

        return messages;
    }

    [GlobalCleanup]
    public void DeleteStoreAfterwards() => DeleteStore();

    /// <summary>Opened as the command opens it.</summary>
    private FileStream OpenTraffic() =>
        new(_traffic.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MessagesPerSecondColumn());
    }
}

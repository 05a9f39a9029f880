using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>
/// <c>rapport import segment FILE</c> into a fresh store, through the same code as the command: open the store (which
/// creates the schema), import in one transaction, close (DuckDB checkpoints on close). The store is a new DuckDB file,
/// or a new PostgreSQL database created before each iteration (not timed) and dropped after it; see
/// <see cref="BenchmarkStores"/>. <see cref="ParseOnly"/> reads and parses the same file without storing it, to show
/// how much of the time the store takes; it runs once, under <see cref="Backend.DuckDb"/>.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private TrafficFile _traffic = null!;
    private string _database = null!;
    private string _location = null!;
    private string? _postgresDatabase;

    [ParamsSource(typeof(BenchmarkStores), nameof(BenchmarkStores.Sizes))]
    public int Messages { get; set; }

    [ParamsSource(typeof(BenchmarkStores), nameof(BenchmarkStores.Backends))]
    public Backend Backend { get; set; }

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
        DropPostgresDatabase();
        _location = _database;
        if (Backend == Backend.Postgres)
        {
            _postgresDatabase = BenchmarkStores.NewDatabaseName($"import_{Messages}");
            _location = BenchmarkStores.CreateDatabase(_postgresDatabase);
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<IngestSummary> Import()
    {
        await using var store = RapportStore.Open(_location, TimeProvider.System);
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

    [IterationCleanup]
    public void DropPostgresDatabase()
    {
        if (_postgresDatabase is not null)
        {
            BenchmarkStores.DropDatabase(_postgresDatabase);
            _postgresDatabase = null;
        }
    }

    [GlobalCleanup]
    public void DeleteStoreAfterwards()
    {
        File.Delete(_database);
        File.Delete(_database + ".wal");
        DropPostgresDatabase();
    }

    /// <summary>Opened as the command opens it.</summary>
    private FileStream OpenTraffic() =>
        new(_traffic.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One import per iteration: 1 warm-up and 3 measured by default; $RAPPORT_BENCH_WARMUP and
            // $RAPPORT_BENCH_ITERATIONS shorten the long (10M, PostgreSQL) runs.
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(FromEnvironment("RAPPORT_BENCH_WARMUP", 1))
                .WithIterationCount(FromEnvironment("RAPPORT_BENCH_ITERATIONS", 3)));
            AddColumn(new MessagesPerSecondColumn());

            // Parsing does not depend on the store: measure it once.
            AddFilter(new SimpleFilter(benchmark =>
                benchmark.Descriptor.WorkloadMethod.Name != nameof(ParseOnly)
                || benchmark.Parameters.Items.All(p => p.Name != nameof(Backend) || p.Value is Backend.DuckDb)));
        }

        private static int FromEnvironment(string variable, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(variable), CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : fallback;
    }
}

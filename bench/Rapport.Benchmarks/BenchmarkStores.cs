using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Rapport.Connectors.Segment;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Benchmarks;

/// <summary>The store a benchmark runs against.</summary>
public enum Backend
{
    DuckDb,
    Postgres,
}

/// <summary>
/// Where the benchmarks' stores live, and the parameter values they run with. DuckDB stores are files in
/// <see cref="TrafficFile.DataDirectory"/>. PostgreSQL stores are databases created on the server that
/// <c>$RAPPORT_BENCH_POSTGRES</c> (or else <c>$RAPPORT_TEST_POSTGRES</c>, which <c>.ci/postgres.sh</c> prints) names: a
/// connection string whose user may create databases. Every database made here is named <c>rapport_bench_…</c>.
/// </summary>
internal static class BenchmarkStores
{
    public const string PostgresVariable = "RAPPORT_BENCH_POSTGRES";
    public const string TestPostgresVariable = "RAPPORT_TEST_POSTGRES";
    public const string SizesVariable = "RAPPORT_BENCH_SIZES";
    public const string BackendsVariable = "RAPPORT_BENCH_BACKENDS";

    private const string Prefix = "rapport_bench_";

    /// <summary>The PostgreSQL server's connection string, or null when neither variable is set.</summary>
    public static string? PostgresServer { get; } =
        new[] { PostgresVariable, TestPostgresVariable }
            .Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));

    /// <summary>
    /// DuckDB, and PostgreSQL when a server is configured (otherwise its cases are skipped, with a message);
    /// <c>$RAPPORT_BENCH_BACKENDS</c> (<c>DuckDb,Postgres</c>) narrows them.
    /// </summary>
    public static IEnumerable<Backend> Backends()
    {
        var wanted = Environment.GetEnvironmentVariable(BackendsVariable) is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<Backend>).ToHashSet()
            : [Backend.DuckDb, Backend.Postgres];
        if (wanted.Contains(Backend.DuckDb))
        {
            yield return Backend.DuckDb;
        }

        if (wanted.Contains(Backend.Postgres))
        {
            if (PostgresServer is null)
            {
                Console.WriteLine(
                    $"// Skipping the PostgreSQL benchmarks: set {PostgresVariable} or {TestPostgresVariable} to the connection string of a server where the user may create databases (.ci/postgres.sh starts one and prints it).");
            }
            else
            {
                yield return Backend.Postgres;
            }
        }
    }

    /// <summary>About 1M and 10M messages; <c>$RAPPORT_BENCH_SIZES</c> (<c>1000000,10000000</c>) overrides them.</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable(SizesVariable) is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            : [1_000_000, 10_000_000];

    /// <summary>Creates an empty PostgreSQL database and returns the connection string to it.</summary>
    public static string CreateDatabase(string name)
    {
        using (var connection = OpenServer())
        {
            Execute(connection, $"CREATE DATABASE {Checked(name)}");
        }

        return ConnectionString(name);
    }

    /// <summary>Drops a database made here, closing any connection still open to it.</summary>
    public static void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = OpenServer();
        Execute(connection, $"DROP DATABASE IF EXISTS {Checked(name)} WITH (FORCE)");
    }

    public static bool DatabaseExists(string name)
    {
        using var connection = OpenServer();
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", Checked(name));
        return (long)command.ExecuteScalar()! > 0;
    }

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer ?? throw new InvalidOperationException("no PostgreSQL server is configured"))
        {
            Database = Checked(database),
        }.ConnectionString;

    /// <summary>A new database name for one import.</summary>
    public static string NewDatabaseName(string purpose) => $"{Prefix}{purpose}_{Guid.NewGuid():N}";

    /// <summary>
    /// The store imported once from <paramref name="traffic"/> and cached: a DuckDB file beside the traffic file, or a
    /// PostgreSQL database <c>rapport_bench_segment_DEVELOPERS</c>, vacuumed and analysed after the import as
    /// autovacuum would leave it. A half-made one (interrupted import) is made again.
    /// </summary>
    public static async Task<IRapportStore> OpenImportedAsync(Backend backend, TrafficFile traffic)
    {
        if (backend == Backend.DuckDb)
        {
            var path = System.IO.Path.ChangeExtension(traffic.Path, ".duckdb");
            if (!File.Exists(path))
            {
                var partial = path + ".partial";
                File.Delete(partial);
                File.Delete(partial + ".wal");
                await ImportAsync(partial, traffic);
                File.Move(partial, path);
            }

            return RapportStore.Open(path, TimeProvider.System);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}segment_{traffic.Developers}");
        if (!DatabaseExists(name))
        {
            var partial = name + "_partial";
            DropDatabase(partial);
            var location = CreateDatabase(partial);
            await ImportAsync(location, traffic);
            var vacuumed = Stopwatch.StartNew();
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(location))
            {
                await connection.OpenAsync();
                await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
                await vacuum.ExecuteNonQueryAsync();
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// VACUUM ANALYZE in {vacuumed.Elapsed.TotalSeconds:N1} s"));

            NpgsqlConnection.ClearAllPools();
            using var server = OpenServer();
            Execute(server, $"ALTER DATABASE {partial} RENAME TO {name}");
        }

        return RapportStore.Open(ConnectionString(name), TimeProvider.System);
    }

    /// <summary>What <c>rapport --db LOCATION import segment FILE</c> does.</summary>
    public static async Task ImportAsync(string location, TrafficFile traffic)
    {
        var stopwatch = Stopwatch.StartNew();
        await ImportOnceAsync(location, traffic);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// imported {traffic.Messages:N0} messages in {stopwatch.Elapsed.TotalSeconds:N1} s ({traffic.Messages / stopwatch.Elapsed.TotalSeconds:N0} messages/s)"));
    }

    private static async Task ImportOnceAsync(string location, TrafficFile traffic)
    {
        await using var store = RapportStore.Open(location, TimeProvider.System);
        var workspace = await store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, CancellationToken.None);
        await using var input = File.OpenRead(traffic.Path);
        await new SegmentImport(store, TimeProvider.System).ImportAsync(workspace, input, traffic.Path, skipInvalid: false);
    }

    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(PostgresServer ?? throw new InvalidOperationException("no PostgreSQL server is configured"));
        connection.Open();
        return connection;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    /// <summary>A database name cannot be a query parameter; every name here is made in this class, never from input.</summary>
    private static string Checked(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')
            ? name
            : throw new ArgumentException($"{name} is not a benchmark database", nameof(name));
}

using Rapport.Storage.DuckDb;
using Rapport.Storage.Postgres;

namespace Rapport.Storage;

/// <summary>Opens the store a <c>--db</c> value names: a DuckDB file path (the default) or a PostgreSQL server.</summary>
public static class RapportStore
{
    public const string DefaultPath = "rapport.duckdb";

    /// <param name="duckDbMemoryLimit">For a DuckDB file: a cap on DuckDB's own buffers, such as <c>2GB</c>.</param>
    public static IRapportStore Open(string? db, TimeProvider clock, string? duckDbMemoryLimit = null)
    {
        var location = string.IsNullOrWhiteSpace(db) ? DefaultPath : db.Trim();
        if (IsPostgres(location))
        {
            return PostgresStore.Open(location, clock);
        }

        return DuckDbStore.Open(location, clock, duckDbMemoryLimit);
    }

    /// <summary>The schema version this Rapport writes (the same on every backend) and its migration's name.</summary>
    public static (int Version, string Name) LatestSchema => SchemaMigrations.List(SchemaMigrations.DuckDb)[^1];

    public static bool IsPostgres(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);
}

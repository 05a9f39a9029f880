using DuckDB.NET.Data;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// Applies the versioned schema migrations embedded in this assembly (<c>NNNN_name.sql</c>), each in its own
/// transaction, and refuses a store written by a newer Rapport.
/// </summary>
internal static class DuckDbMigrator
{
    public static IReadOnlyList<(int Version, string Name)> Migrations { get; } = SchemaMigrations.List(SchemaMigrations.DuckDb);

    public static void Migrate(DuckDBConnection connection, DateTime now)
    {
        connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)");
        var current = connection.Scalar<int?>("SELECT max(version) FROM schema_migrations") ?? 0;
        var latest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
        if (current > latest)
        {
            throw SchemaMigrations.NewerSchema(current, latest);
        }

        foreach (var (version, name) in Migrations.Where(migration => migration.Version > current))
        {
            var sql = SchemaMigrations.Read(SchemaMigrations.DuckDb, name);
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql);
            connection.Execute("INSERT INTO schema_migrations VALUES ($1, $2, $3)", version, name, now);
            transaction.Commit();
        }
    }
}

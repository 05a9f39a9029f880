using Npgsql;

namespace Rapport.Storage.Postgres;

/// <summary>
/// Applies the PostgreSQL migrations (the same versions as DuckDB's), each in its own transaction, under a
/// session-level advisory lock so that several processes starting at once apply each migration exactly once.
/// </summary>
internal static class PostgresMigrator
{
    public static IReadOnlyList<(int Version, string Name)> Migrations { get; } = SchemaMigrations.List(SchemaMigrations.Postgres);

    public static void Migrate(NpgsqlDataSource dataSource, DateTime now)
    {
        using var connection = dataSource.OpenConnection();
        connection.Execute("SELECT pg_advisory_lock($1, $2)", PostgresLocks.Namespace, PostgresLocks.Migrations);
        try
        {
            connection.Execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
            var current = connection.Scalar<int?>("SELECT max(version) FROM schema_migrations") ?? 0;
            var latest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
            if (current > latest)
            {
                throw SchemaMigrations.NewerSchema(current, latest);
            }

            foreach (var (version, name) in Migrations.Where(migration => migration.Version > current))
            {
                using var transaction = connection.BeginTransaction();
                connection.Execute(SchemaMigrations.Read(SchemaMigrations.Postgres, name));
                connection.Execute("INSERT INTO schema_migrations VALUES ($1, $2, $3)", version, name, now);
                transaction.Commit();
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock($1, $2)", PostgresLocks.Namespace, PostgresLocks.Migrations);
        }
    }
}

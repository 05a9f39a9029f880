namespace Rapport.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// The current snapshot (xmin:xmax:in-progress ids) moves whenever a writing transaction starts or ends on the
    /// server, from any process: it changes at least as often as the data, which is all an ETag needs.
    /// </summary>
    public Task<string> GetChangeMarkerAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT CAST(pg_current_snapshot() AS TEXT)", [], reader => reader.Read() ? reader.GetString(0) : "", cancellationToken);

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (version, size) = await QueryAsync(
                "SELECT (SELECT max(version) FROM schema_migrations), pg_database_size(current_database())", [],
                reader =>
                {
                    reader.Read();
                    return (reader.IsDBNull(0) ? 0 : reader.GetInt32(0), reader.GetInt64(1));
                }, cancellationToken).ConfigureAwait(false);
            return new StoreStatus(version, RapportStore.LatestSchema.Version, size);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            throw new StoreUnavailableException($"{Description} does not answer: {e.Message}", e);
        }
    }

    /// <summary>A PostgreSQL database is backed up with PostgreSQL's own tools, which also keep roles and settings.</summary>
    public Task<long> BackupAsync(Stream destination, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "back up a PostgreSQL store with pg_dump (pg_dump --format=custom --file rapport.dump DATABASE) and restore it with pg_restore; see docs/operations.md#backups");
}

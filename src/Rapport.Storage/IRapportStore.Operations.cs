namespace Rapport.Storage;

/// <summary>Running a store: is it ready, and a consistent copy of it for a backup.</summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Asks the store itself (a query, not a cached answer) for its schema version and size;
    /// <see cref="StoreUnavailableException"/> when it cannot answer.
    /// </summary>
    Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes a consistent copy of the whole store (every workspace, the users) to <paramref name="destination"/>, a
    /// DuckDB file that <c>rapport restore</c> reads, while ingest goes on around it. Returns the bytes written.
    /// </summary>
    Task<long> BackupAsync(Stream destination, CancellationToken cancellationToken);
}

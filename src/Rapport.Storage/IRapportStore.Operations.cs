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

    /// <summary>
    /// A token that changes whenever the store's data may have changed: two equal tokens mean nothing was written in
    /// between, so an answer computed after the first still holds (the API's ETags). It may change without a write.
    /// </summary>
    Task<string> GetChangeMarkerAsync(CancellationToken cancellationToken);
}

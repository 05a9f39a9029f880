namespace Rapport.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    private string FullPath => System.IO.Path.GetFullPath(Path);

    private string WalPath => FullPath + ".wal";

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        // DuckDB keeps its file open, so a deleted or replaced file would go unnoticed by queries alone.
        if (!File.Exists(FullPath))
        {
            throw new StoreUnavailableException($"the DuckDB file {Path} is gone");
        }

        var version = await QueryAsync("SELECT max(version) FROM schema_migrations", [],
            reader => reader.Read() && !reader.IsDBNull(0) ? reader.GetInt32(0) : 0, cancellationToken).ConfigureAwait(false);
        return new StoreStatus(version, RapportStore.LatestSchema.Version, SizeOnDisk());
    }

    /// <summary>
    /// Holds every writer off, checkpoints (so the file alone holds everything committed) and copies the file. Ingest
    /// waits meanwhile — HTTP requests are answered late, not refused — for about as long as copying the file takes.
    /// </summary>
    public async Task<long> BackupAsync(Stream destination, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => _writer.Execute("CHECKPOINT"), cancellationToken).ConfigureAwait(false);
            if (File.Exists(WalPath) && new FileInfo(WalPath).Length > 0)
            {
                throw new StoreUnavailableException(
                    "DuckDB could not checkpoint its log into the file (a long query may be running); try the backup again");
            }

            await using var file = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                bufferSize: 1 << 20, useAsync: true);
            await file.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            return file.Length;
        }
        finally
        {
            ReleaseWriter();
        }
    }

    private long SizeOnDisk() =>
        new FileInfo(FullPath).Length + (File.Exists(WalPath) ? new FileInfo(WalPath).Length : 0);
}

using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.StackExchange;

/// <summary>
/// Imports a Stack Exchange data dump into a workspace in one transaction: all of it, or — when a file is
/// malformed — none of it. Message ids come from the site's post, comment and user ids, so importing the same dump
/// again stores nothing twice.
/// </summary>
public sealed class StackExchangeImport(IRapportStore store)
{
    private const int ChunkSize = 4096;

    /// <param name="onProgress">Told of the bytes read so far and the bytes all passes will read, after every chunk.</param>
    public async Task<StackExchangeImportResult> ImportAsync(
        Workspace workspace,
        StackExchangeDump dump,
        Action<long, long>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        await using var session = await store.BeginIngestAsync(workspace, cancellationToken).ConfigureAwait(false);
        var chunk = new List<IngestMessage>(ChunkSize);
        foreach (var message in dump.ReadMessages(cancellationToken))
        {
            chunk.Add(message);
            if (chunk.Count == ChunkSize)
            {
                await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                onProgress?.Invoke(dump.BytesRead, dump.TotalBytes);
            }
        }

        await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
        onProgress?.Invoke(dump.TotalBytes, dump.TotalBytes);
        var summary = await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new StackExchangeImportResult(summary, dump.Counts);
    }
}

using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Members;

/// <summary>
/// Imports a members CSV into a workspace through the one ingest path, in one transaction: all of it, or — when a row
/// is wrong and invalid rows are not to be skipped — none of it.
/// </summary>
public sealed class MembersCsvImport(IRapportStore store)
{
    private const int ChunkSize = 4096;

    /// <param name="onRejected">With <paramref name="skipInvalid"/>, told of every rejected row as it is read.</param>
    /// <param name="onProgress">Told of the rows read so far after every chunk.</param>
    public async Task<IngestSummary> ImportAsync(
        Workspace workspace,
        MembersCsvReader reader,
        string name,
        bool skipInvalid,
        Action<MembersCsvRow>? onRejected = null,
        Action<long>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        await using var session = await store.BeginIngestAsync(workspace, cancellationToken).ConfigureAwait(false);
        var chunk = new List<IngestMessage>(ChunkSize);
        var rows = 0L;
        foreach (var row in reader.ReadRows(name, cancellationToken))
        {
            rows++;
            if (row.Message is { } message)
            {
                chunk.Add(message);
            }
            else if (skipInvalid)
            {
                onRejected?.Invoke(row);
            }
            else
            {
                throw new ImportLineException(name, row.LineNumber, row.Error!);
            }

            if (chunk.Count == ChunkSize)
            {
                await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                onProgress?.Invoke(rows);
            }
        }

        await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
        onProgress?.Invoke(rows);
        return await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Events;

/// <summary>
/// Imports an attendee list through the one ingest path in one transaction: all of it, or — when a row is wrong and
/// invalid rows are not to be skipped — none of it.
/// </summary>
public sealed class AttendeeCsvImport(IRapportStore store)
{
    private const int ChunkSize = 4096;

    /// <param name="onRejected">With <paramref name="skipInvalid"/>, told of every rejected row as it is read.</param>
    public async Task<AttendeeImportSummary> ImportAsync(
        Workspace workspace,
        AttendeeCsvReader reader,
        string name,
        bool skipInvalid,
        Action<AttendeeCsvRow>? onRejected,
        CancellationToken cancellationToken)
    {
        await using var session = await store.BeginIngestAsync(workspace, cancellationToken).ConfigureAwait(false);
        var chunk = new List<IngestMessage>(ChunkSize);
        long rows = 0, rejected = 0, attended = 0;
        foreach (var row in reader.ReadRows(name, cancellationToken))
        {
            rows++;
            if (row.Error is { } error)
            {
                if (!skipInvalid)
                {
                    throw new ImportLineException(name, row.LineNumber, error);
                }

                rejected++;
                onRejected?.Invoke(row);
                continue;
            }

            attended += row.Messages.Count - 1;
            chunk.AddRange(row.Messages);
            if (chunk.Count >= ChunkSize)
            {
                await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }

        await session.AddAsync(chunk, cancellationToken).ConfigureAwait(false);
        var summary = await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AttendeeImportSummary(rows, rows - rejected, attended, rejected, summary);
    }
}

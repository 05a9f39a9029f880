using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Segment;

/// <summary>
/// Imports a JSON Lines file of Segment messages into a workspace in one transaction: all of the file, or —
/// when a line is malformed and invalid lines are not to be skipped — none of it.
/// </summary>
public sealed class SegmentImport(IRapportStore store, TimeProvider clock)
{
    /// <summary>Imports <paramref name="input"/>; <paramref name="name"/> names it in errors (<c>events.jsonl:12: …</c>).</summary>
    /// <param name="onRejected">With <paramref name="skipInvalid"/>, told of every rejected line as it is read.</param>
    /// <param name="onProgress">Told of the bytes read so far after every chunk.</param>
    public async Task<IngestSummary> ImportAsync(
        Workspace workspace,
        Stream input,
        string name,
        bool skipInvalid,
        Action<ParsedLine>? onRejected = null,
        Action<long>? onProgress = null,
        CancellationToken cancellationToken = default)
    {
        var reader = new SegmentJsonLinesReader(input, clock);
        await using var session = await store.BeginIngestAsync(workspace, cancellationToken).ConfigureAwait(false);
        var messages = new List<IngestMessage>(4096);
        try
        {
            await foreach (var chunk in reader.ReadChunksAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Clear();
                foreach (var line in chunk)
                {
                    if (line.Message is { } message)
                    {
                        messages.Add(message);
                    }
                    else if (skipInvalid)
                    {
                        onRejected?.Invoke(line);
                    }
                    else
                    {
                        throw new ImportLineException(name, line.LineNumber, line.Error!.Message);
                    }
                }

                await session.AddAsync(messages, cancellationToken).ConfigureAwait(false);
                onProgress?.Invoke(reader.BytesRead);
            }
        }
        catch (SegmentFormatException e)
        {
            throw new ImportLineException(name, null, e.Reason);
        }

        return await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

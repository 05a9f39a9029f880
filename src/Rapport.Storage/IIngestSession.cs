using Rapport.Core.Ingest;

namespace Rapport.Storage;

/// <summary>One atomic ingest: add messages, then commit them all or (by disposing) none.</summary>
public interface IIngestSession : IAsyncDisposable
{
    /// <summary>Adds messages in order. Large sessions write as they go, inside the still-open transaction.</summary>
    ValueTask AddAsync(IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken);

    /// <summary>The counts so far.</summary>
    IngestSummary Summary { get; }

    /// <summary>Makes everything added durable; returns once it is on disk.</summary>
    Task<IngestSummary> CommitAsync(CancellationToken cancellationToken);
}

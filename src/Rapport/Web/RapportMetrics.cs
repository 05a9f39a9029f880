using System.Diagnostics.Metrics;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>
/// Rapport's own metrics (meter <c>Rapport</c>), next to ASP.NET Core's request rates and latencies: ingest
/// throughput, the ingest queue's depth and the store's size. Exported through OpenTelemetry (docs/operations.md).
/// </summary>
internal sealed class RapportMetrics : IDisposable
{
    public const string MeterName = "Rapport";

    private readonly Meter _meter;
    private long _storeSizeBytes = -1;

    public RapportMetrics(IMeterFactory meters, IngestQueue queue)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableCounter("rapport.ingest.messages", () => queue.CommittedMessages, "{message}",
            "Messages committed by HTTP ingest (Segment API, webhooks), duplicates included");
        _meter.CreateObservableCounter("rapport.ingest.commits", () => queue.Commits, "{commit}", "Group commits of HTTP ingest");
        _meter.CreateObservableCounter("rapport.ingest.failed_commits", () => queue.FailedCommits, "{commit}",
            "Group commits that failed; their requests were answered 503");
        _meter.CreateObservableUpDownCounter("rapport.ingest.queue", () => queue.QueuedMessages, "{message}",
            "Messages waiting for the next group commit");
        _meter.CreateObservableGauge("rapport.store.size", ObserveStoreSize, "By", "The store's size on disk");
    }

    /// <summary>Set by <see cref="StoreSizeProbe"/>: reading the size is a query, too slow for a metrics callback.</summary>
    public void RecordStoreSize(long bytes) => Interlocked.Exchange(ref _storeSizeBytes, bytes);

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<long>> ObserveStoreSize()
    {
        var size = Interlocked.Read(ref _storeSizeBytes);
        return size < 0 ? [] : [new Measurement<long>(size)];
    }
}

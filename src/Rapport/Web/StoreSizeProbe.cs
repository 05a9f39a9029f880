using Rapport.Storage;

namespace Rapport.Web;

/// <summary>Asks the store for its size once a minute, for the <c>rapport.store.size</c> metric.</summary>
internal sealed class StoreSizeProbe(IRapportStore store, RapportMetrics metrics, TimeProvider clock, ILogger<StoreSizeProbe> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    metrics.RecordStoreSize((await store.GetStatusAsync(stoppingToken)).SizeBytes);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // /readyz tells operators the store is unwell; the probe only logs and tries again later.
                    logger.StoreSizeUnavailable(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // The host is stopping (or was disposed without a stop): there is nothing left to measure.
        }
    }
}

using Rapport.Storage;

namespace Rapport.Web;

/// <summary>On shutdown, stops taking messages and commits everything requests already queued.</summary>
internal sealed class IngestQueueDrain(IngestQueue queue) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => queue.DrainAsync(cancellationToken);
}

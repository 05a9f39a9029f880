namespace Rapport.Webhooks;

/// <summary>
/// Delivers webhooks in the background of <c>rapport serve</c>: a pass over the due deliveries whenever this process
/// queues events and every <see cref="WebhookDeliveryOptions.PollInterval"/>. It runs beside ingest and never holds
/// it up: a pass takes the store's writer only for the moment of a claim or a record, never while waiting for a
/// receiver.
/// </summary>
internal sealed class WebhookDeliveryService(
    WebhookDeliverer deliverer, WebhookDeliverySignal signal, WebhookDeliveryOptions options, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Waiting first leaves the server's start to itself; what is due then goes out a poll later.
                await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                await deliverer.DeliverDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store that is briefly unreachable must not stop deliveries for the life of the server.
                logger.PassFailed(e);
                await Task.Delay(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}

namespace Rapport.Webhooks;

/// <summary>
/// Wakes <c>rapport serve</c>'s delivery service when this process has just queued events (a lead refresh), so they
/// go out at once rather than at the next poll. Events queued by other processes are found by polling.
/// </summary>
internal sealed class WebhookDeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the service will look once, which covers both.
        }
    }

    /// <summary>Waits until <see cref="Notify"/> or until <paramref name="timeout"/> has passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}

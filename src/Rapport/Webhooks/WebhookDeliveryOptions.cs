using Rapport.Core.Webhooks;

namespace Rapport.Webhooks;

/// <summary>How deliveries are sent: the receiver's time limit, the retry schedule, how many at once, and how often to look.</summary>
internal sealed record WebhookDeliveryOptions
{
    /// <summary>How long a receiver has to answer an attempt.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public WebhookRetryPolicy Retry { get; init; } = WebhookRetryPolicy.Default;

    /// <summary>Deliveries sent at the same time by one process, so that one slow receiver does not hold up the others.</summary>
    public int Workers { get; init; } = 4;

    /// <summary>How often <c>rapport serve</c> looks for due deliveries when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a claim keeps other workers away: longer than an attempt can take, so that only a worker that died
    /// loses its delivery to another.
    /// </summary>
    public TimeSpan Lease => Timeout + TimeSpan.FromSeconds(30);
}

namespace Rapport.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: after <see cref="FirstDelay"/>, then twice as long after each further
/// failure, never more than <see cref="MaxDelay"/>, each delay stretched by up to <see cref="Jitter"/> at random so
/// that deliveries failing together do not retry together; after <see cref="MaxAttempts"/> attempts it has failed.
/// </summary>
public sealed record WebhookRetryPolicy
{
    /// <summary>Ten attempts over about eight and a half hours (docs/webhooks.md#retries).</summary>
    public static WebhookRetryPolicy Default { get; } = new();

    public int MaxAttempts { get; init; } = 10;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The largest random stretch of a delay, as a fraction of it: 0.25 makes a 4-minute delay 4 to 5 minutes.</summary>
    public double Jitter { get; init; } = 0.25;

    /// <summary>
    /// How long to wait after failed attempt number <paramref name="attempt"/> (1 for the first), with
    /// <paramref name="random"/> in [0, 1) choosing the jitter.
    /// </summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doublings = Math.Min(attempt - 1, 40);
        var nominal = Math.Min(FirstDelay.TotalMilliseconds * Math.Pow(2, doublings), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Round(nominal * (1 + (Jitter * Math.Clamp(random, 0, 1)))));
    }

    /// <summary>What a delivery becomes after attempt number <paramref name="attempt"/> at <paramref name="now"/>.</summary>
    public (WebhookDeliveryStatus Status, DateTime? NextAttemptAt) After(int attempt, bool succeeded, DateTime now, double random) =>
        succeeded ? (WebhookDeliveryStatus.Delivered, null)
        : attempt >= MaxAttempts ? (WebhookDeliveryStatus.Failed, null)
        : (WebhookDeliveryStatus.Pending, now + DelayAfter(attempt, random));
}

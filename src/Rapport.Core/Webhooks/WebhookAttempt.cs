namespace Rapport.Core.Webhooks;

/// <summary>One try at delivering: when, how long it took, and what the receiver answered (or why there was no answer).</summary>
/// <param name="StatusCode">The receiver's HTTP status, or <c>null</c> when it did not answer (refused, timed out).</param>
/// <param name="Error">Why the attempt failed: the start of a non-2xx answer's body, or the network error.</param>
public sealed record WebhookAttempt(int Number, DateTime At, long DurationMs, int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

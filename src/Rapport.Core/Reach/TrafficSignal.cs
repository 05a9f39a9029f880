namespace Rapport.Core.Reach;

/// <summary>
/// What is known about one view or click, from whichever source saw it (an access log line, a tracked link's
/// request, a t.js beacon, a YouTube export row). Fields a source does not have are <c>null</c>.
/// </summary>
/// <param name="Method">The HTTP method; HEAD is never a reader.</param>
/// <param name="Url">The address requested or landed on, whose query may carry utm_medium and ad click ids.</param>
/// <param name="Referrer">The referring address, whose query may carry ad click ids too.</param>
/// <param name="TrafficSource">A platform's own traffic source name (YouTube's "Advertising").</param>
/// <param name="EngagedSeconds">Seconds read or watched; <c>null</c> when unknown, which is never engaged.</param>
/// <param name="Burst">Whether the client made this request as one of a burst (<see cref="BurstDetector"/>).</param>
public readonly record struct TrafficSignal(
    string? UserAgent,
    string? Method = null,
    string? Url = null,
    string? Referrer = null,
    string? UtmMedium = null,
    string? TrafficSource = null,
    double? EngagedSeconds = null,
    bool Burst = false);

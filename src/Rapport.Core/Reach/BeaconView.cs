namespace Rapport.Core.Reach;

/// <summary>
/// One page view that the first-party script (<c>/t.js</c>) reported: where, when, by what browser, and how long the
/// reader was engaged, summed over every beacon of the view (the first one, and one more for each return to the tab).
/// </summary>
/// <param name="Url">The address read, with its query (which may carry utm_medium or an ad click id).</param>
public sealed record BeaconView(string ViewId, string Url, DateTime At, string? UserAgent, string? Referrer, double EngagedSeconds);

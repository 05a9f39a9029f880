namespace Rapport.Connectors.Beacons;

/// <summary>
/// What <c>/t.js</c> sends when a reader leaves a page (or switches tabs): the site key, the reader's anonymous id, the
/// view, which beacon of the view this is, where and how long the reader was engaged.
/// </summary>
/// <param name="Sequence">0 for the view's first beacon (the page view); 1, 2, … for the engaged time of each return to the tab.</param>
public sealed record PageBeacon(
    string Key, string AnonymousId, string ViewId, int Sequence, string Url, string? Referrer, string? Title, double EngagedSeconds);

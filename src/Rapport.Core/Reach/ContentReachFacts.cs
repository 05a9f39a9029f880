using Rapport.Core.Content;
using Rapport.Core.Links;
using Rapport.Core.Members;

namespace Rapport.Core.Reach;

/// <summary>
/// What a store knows that reach reports are made of: the catalog, links, the imported aggregates, every tracked
/// link click, every later message that carried a click id, the first-party script's page views, and the journey
/// progress of the developers those tie.
/// </summary>
public sealed record ContentReachFacts(
    IReadOnlyList<ContentItem> Items,
    IReadOnlyList<TrackedLink> Links,
    IReadOnlyList<VideoReachRow> Videos,
    IReadOnlyList<PageReachRow> Pages,
    IReadOnlyList<LinkClickFact> Clicks,
    IReadOnlyList<ClickTie> Ties,
    IReadOnlySet<long> IdentifiedMembers,
    IReadOnlyDictionary<long, MemberProgress> Progress)
{
    /// <summary>Page views reported by <c>/t.js</c>, classified when a report is made (their engaged time is measured).</summary>
    public IReadOnlyList<BeaconView> Beacons { get; init; } = [];
}

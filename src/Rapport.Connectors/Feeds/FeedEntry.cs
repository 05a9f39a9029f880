namespace Rapport.Connectors.Feeds;

/// <summary>One item of a feed (an RSS item, an Atom entry), as the feed says it.</summary>
public sealed record FeedEntry(
    long LineNumber,
    string? Id,
    string Title,
    string? Link,
    DateTime? Published,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Categories,
    string? Summary);

namespace Rapport.Connectors.Feeds;

/// <summary>A parsed feed: its format, title, site link and entries.</summary>
/// <param name="Format"><c>rss-2.0</c>, <c>rss-1.0</c> or <c>atom</c>.</param>
/// <param name="IsPodcast">Whether the feed uses the iTunes podcast namespace.</param>
public sealed record Feed(string Format, string? Title, string? Link, bool IsPodcast, IReadOnlyList<FeedEntry> Entries);

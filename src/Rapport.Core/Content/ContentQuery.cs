namespace Rapport.Core.Content;

/// <summary>Which items to list: by kind, channel, tag or words in the title or URL; every filter optional.</summary>
public sealed record ContentQuery
{
    public ContentKind? Kind { get; init; }

    public string? Channel { get; init; }

    public string? Tag { get; init; }

    public string? Search { get; init; }

    public bool Matches(ContentItem item) =>
        (Kind is null || item.Kind == Kind)
        && (string.IsNullOrWhiteSpace(Channel) || string.Equals(item.Channel, ContentFields.NormaliseChannel(Channel), StringComparison.Ordinal))
        && (string.IsNullOrWhiteSpace(Tag) || item.Tags.Contains(Tag.Trim().ToLowerInvariant(), StringComparer.Ordinal))
        && (string.IsNullOrWhiteSpace(Search)
            || item.Title.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)
            || item.Urls.Any(url => url.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase)));
}

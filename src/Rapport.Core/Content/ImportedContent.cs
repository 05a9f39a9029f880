namespace Rapport.Core.Content;

/// <summary>
/// An item as an importer read it (a feed entry, a Markdown file): the key the source knows it by, so that importing
/// again updates the item instead of adding another, and the fields the source gives.
/// </summary>
/// <param name="SourceKey">What the source knows the item by.</param>
public sealed record ImportedContent(string SourceKey, ContentFields Fields)
{
    /// <summary>What the item says, when the source has it (a docs page's Markdown): kept for the docs-gap analysis.</summary>
    public string? Text { get; init; }
}

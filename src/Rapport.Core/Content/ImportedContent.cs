namespace Rapport.Core.Content;

/// <summary>
/// An item as an importer read it (a feed entry, a Markdown file): the key the source knows it by, so that importing
/// again updates the item instead of adding another, and the fields the source gives.
/// </summary>
public sealed record ImportedContent(string SourceKey, ContentFields Fields);

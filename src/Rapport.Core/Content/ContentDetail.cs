namespace Rapport.Core.Content;

/// <summary>One item as <c>rapport content show</c> and the API show it: the item and the whole reuse tree it is part of.</summary>
public sealed record ContentDetail(ContentItem Item, ContentTreeNode Tree);

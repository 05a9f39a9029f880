namespace Rapport.Core.DocsGaps;

/// <summary>A docs page as the analysis indexes it: a content item of kind docs page and its text.</summary>
public sealed record DocsPage(long ContentId, string Title, string? Url, string Text);

namespace Rapport.Core.DocsGaps;

/// <summary>How well a docs page covers a topic: <see cref="Match"/> from 0 (none of its terms) towards 1.</summary>
public sealed record DocsPageMatch(long ContentId, string Title, string? Url, double Match);

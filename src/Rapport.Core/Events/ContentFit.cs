using Rapport.Core.Content;

namespace Rapport.Core.Events;

/// <summary>A content item that fits an audience, and the audience tags it shares with it.</summary>
public sealed record ContentFit(long ContentId, string Title, ContentKind Kind, IReadOnlyList<string> SharedTags, double Score);

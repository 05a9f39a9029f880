namespace Rapport.Core.Community;

/// <summary>A member whose level changed in a month.</summary>
public sealed record LevelMove(long MemberId, string? Name, string? Identity, CommunityLevel From, CommunityLevel To);

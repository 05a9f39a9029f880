namespace Rapport.Core.Community;

/// <summary>A member whose level changed since the previous refresh.</summary>
public sealed record LevelChange(long MemberId, CommunityLevel From, CommunityLevel To);

namespace Rapport.Core.Community;

/// <summary>A row of the community lists (heroes, candidates): who, their level and score, and their recent advocacy.</summary>
public sealed record CommunityMember(
    long MemberId,
    string? Name,
    string? Identity,
    CommunityLevel Level,
    double Score,
    long RecentAdvocacy,
    DateTime? LastActivity,
    DateTime? CandidateSince,
    bool Nominated);

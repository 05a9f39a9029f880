using Rapport.Core.Journey;

namespace Rapport.Core.Community;

/// <summary>
/// A member's level and why: the score as of the last refresh, the level the score alone gives, a hand nomination
/// that overrides it, and the activity types that contributed most.
/// </summary>
public sealed record MemberLevel(
    CommunityLevel Level,
    double Score,
    CommunityLevel ScoreLevel,
    HeroNomination? Nomination,
    DateTime AsOf,
    DateTime? StalledSince,
    JourneyStage? StalledStage,
    IReadOnlyList<LevelContribution> TopContributions);

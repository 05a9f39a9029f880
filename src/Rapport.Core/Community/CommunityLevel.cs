namespace Rapport.Core.Community;

/// <summary>
/// Where a developer stands in the community, from the weighted, decaying score of what they did. The numbers are
/// the order (and what the store keeps): a promotion moves up, a demotion down.
/// </summary>
public enum CommunityLevel
{
    Passive = 1,
    Active = 2,
    Hero = 3,
}

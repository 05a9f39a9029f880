using Rapport.Core.Journey;

namespace Rapport.Core.Feedback;

/// <summary>
/// How much a piece of feedback weighs (docs/feedback.md#ranking): each distinct developer who raised or upvoted it
/// counts by their journey stage — further along, more invested, louder: Discover 1, Evaluate 1.5, Learn 2, Build 3,
/// Scale 4, no stage 1 — times their ICP weight (1 until ICPs are wired: <see cref="IcpWeight"/>); each organization
/// named without a developer counts 2 (a company speaking through a call or a deal). A developer counts once, however
/// many times they raised it.
/// </summary>
public static class FeedbackRanking
{
    public const double OrganizationWeight = 2;

    public static double StageWeight(JourneyStage? stage) => stage switch
    {
        JourneyStage.Evaluate => 1.5,
        JourneyStage.Learn => 2,
        JourneyStage.Build => 3,
        JourneyStage.Scale => 4,
        _ => 1,
    };

    /// <summary>
    /// The weight of a developer's ICP fit. Always 1 here: the hook where an ICP match (issue 6) multiplies a voice,
    /// e.g. 1.5 for a developer in an ICP.
    /// </summary>
    public static double IcpWeight(long memberId) => 1;

    /// <summary>The item's score: the sum over distinct developers of stage × ICP weight, plus the organizations'.</summary>
    public static double Score(IReadOnlyList<FeedbackVoter> voters, IReadOnlyList<string> organizations)
    {
        var developers = voters.GroupBy(voter => voter.MemberId).Sum(member => StageWeight(member.First().Stage) * IcpWeight(member.Key));
        return Math.Round(developers + (OrganizationWeight * organizations.Count), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Items grouped by product area, the group with the highest total first; within a group, highest score first.</summary>
    public static IReadOnlyList<FeedbackGroup> Group(IEnumerable<FeedbackItem> items) =>
    [
        .. items
            .GroupBy(item => item.Area ?? "", StringComparer.Ordinal)
            .Select(group => new FeedbackGroup(
                group.Key.Length == 0 ? null : group.Key,
                Math.Round(group.Sum(item => item.Score), 2, MidpointRounding.AwayFromZero),
                group.SelectMany(item => item.Voters.Select(voter => voter.MemberId)).Distinct().Count(),
                [.. Rank(group)]))
            .OrderByDescending(group => group.Score).ThenBy(group => group.Area is null).ThenBy(group => group.Area, StringComparer.Ordinal),
    ];

    /// <summary>Highest score first; then more developers, then the older item.</summary>
    public static IEnumerable<FeedbackItem> Rank(IEnumerable<FeedbackItem> items) =>
        items.OrderByDescending(item => item.Score).ThenByDescending(item => item.Developers).ThenBy(item => item.Id);
}

using Rapport.Core.Questions;

namespace Rapport.Core.Pulse;

/// <summary>What the store reads for the pulse over its weeks.</summary>
/// <param name="FirstActivities">Each member's first activity, for those whose first activity falls in the weeks.</param>
/// <param name="LastTeamActivityAt">The team's latest activity up to the "as of" time, whenever it was.</param>
public sealed record PulseInputs(
    IReadOnlyList<PulseMemberWeek> MemberWeeks,
    IReadOnlyDictionary<long, DateTime> FirstActivities,
    IReadOnlySet<long> Team,
    IReadOnlySet<long> Heroes,
    IReadOnlyList<Question> Questions,
    DateTime? LastTeamActivityAt);

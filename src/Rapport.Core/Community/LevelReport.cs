namespace Rapport.Core.Community;

/// <summary>
/// <c>rapport report levels</c>: members per level now and at the end of each of the last 12 months, with moves.
/// <see cref="AsOf"/> is the last refresh; <c>null</c> when the community was never refreshed.
/// </summary>
public sealed record LevelReport(DateTime? AsOf, LevelCounts Current, IReadOnlyList<LevelMonth> Months);

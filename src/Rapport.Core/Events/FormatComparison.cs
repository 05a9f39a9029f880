namespace Rapport.Core.Events;

/// <summary>
/// In-person, online and hybrid events added up: how far they reached and how many developers they moved on, per
/// hour of effort and per 1,000 units of money spent (per currency, never converted).
/// </summary>
public sealed record FormatComparison(
    EventFormat Format,
    int Events,
    long Reach,
    long Attended,
    long ProgressedWithin90Days,
    double? EffortHours,
    double? ReachPerEffortHour,
    double? ProgressionsPerEffortHour,
    IReadOnlyList<FormatCost> Costs);

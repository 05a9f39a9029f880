using Rapport.Core.Journey;

namespace Rapport.Core.Reports;

/// <summary>
/// One week of the journey: developers first seen that week, and developers who reached each stage that week.
/// Weeks start on Monday (ISO 8601), in UTC.
/// </summary>
public sealed record WeeklyProgress(DateOnly WeekStart, long NewDevelopers, IReadOnlyList<long> StageReached)
{
    public long Reached(JourneyStage stage) => StageReached[(int)stage];
}

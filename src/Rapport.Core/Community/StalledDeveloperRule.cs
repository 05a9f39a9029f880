using Rapport.Core.Journey;

namespace Rapport.Core.Community;

/// <summary>
/// A developer who was active and then went quiet before Scale: at least <see cref="MinActivities"/> counted
/// activities in the <see cref="WindowDays"/> days up to and including their last one, and nothing for
/// <see cref="StalledAfterDays"/> days (the journey map's setting) as of now. They are stalled at their current stage
/// from the day the quiet period reached <see cref="StalledAfterDays"/>.
/// </summary>
public sealed record StalledDeveloperRule(int MinActivities, int WindowDays, int StalledAfterDays)
{
    public const int DefaultMinActivities = 3;

    public const int DefaultWindowDays = 30;

    /// <summary>
    /// When the developer became stalled, or <c>null</c> when they are not stalled as of <paramref name="asOf"/>. The
    /// reference computation: the stores apply the same rule in SQL.
    /// </summary>
    public DateTime? StalledSince(IReadOnlyCollection<DateTime> activityTimes, JourneyStage? stage, DateTime asOf)
    {
        if (stage is not { } reached || reached == JourneyStage.Scale)
        {
            return null;
        }

        var counted = activityTimes.Where(at => at <= asOf).ToList();
        if (counted.Count == 0)
        {
            return null;
        }

        var last = counted.Max();
        var since = last.AddDays(StalledAfterDays);
        if (since > asOf)
        {
            return null;
        }

        var inWindow = counted.Count(at => at > last.AddDays(-WindowDays));
        return inWindow >= MinActivities ? since : null;
    }
}

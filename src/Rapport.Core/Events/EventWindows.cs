using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Core.Events;

/// <summary>
/// The time windows event reports look at, from the event's start (00:00 UTC on its first day), and how a developer's
/// stage times answer "did they move on within the window" (docs/events.md).
/// </summary>
public static class EventWindows
{
    public const int ShortDays = 30;

    public const int LongDays = 90;

    /// <summary>The highest stage reached at or before <paramref name="at"/>; -1 when none.</summary>
    public static int StageAt(in MemberProgress progress, DateTime at)
    {
        for (var stage = JourneyStages.Count - 1; stage >= 0; stage--)
        {
            if (progress.ReachedAt((JourneyStage)stage) is { } reached && reached <= at)
            {
                return stage;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether the developer reached a stage above <paramref name="stage"/> (Discover at least: being seen is not
    /// moving on) within (<paramref name="from"/>, <paramref name="until"/>].
    /// </summary>
    public static bool MovedOn(in MemberProgress progress, int stage, DateTime from, DateTime until)
    {
        var baseline = Math.Max(stage, 0);
        if (baseline >= JourneyStages.Count - 1)
        {
            return false;
        }

        return progress.ReachedAt((JourneyStage)(baseline + 1)) is { } next && next > from && next <= until;
    }
}

using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;

namespace Rapport.Core.Funnel;

/// <summary>
/// Where developers fall out of the journey: for the developers whose first activity falls in the range, the number
/// at or beyond each stage, the conversion from the stage before and the median time it took.
/// </summary>
public sealed record FunnelReport(IReadOnlyList<FunnelStage> Stages)
{
    /// <summary>
    /// Builds the report from per-stage counts and median seconds (as a store computes them in SQL).
    /// <paramref name="medianSecondsFromPrevious"/>[0] is ignored: Discover has no previous stage.
    /// </summary>
    public static FunnelReport FromCounts(ReadOnlySpan<long> developers, ReadOnlySpan<double?> medianSecondsFromPrevious)
    {
        if (developers.Length != JourneyStages.Count || medianSecondsFromPrevious.Length != JourneyStages.Count)
        {
            throw new ArgumentException($"a funnel has {JourneyStages.Count} stages");
        }

        var stages = new FunnelStage[JourneyStages.Count];
        for (var i = 0; i < stages.Length; i++)
        {
            double? conversion = i == 0 || developers[i - 1] == 0 ? null : Math.Round((double)developers[i] / developers[i - 1], 4);
            double? medianDays = i == 0 || medianSecondsFromPrevious[i] is not { } seconds
                ? null
                : Math.Round(seconds / 86_400d, 2);
            stages[i] = new FunnelStage((JourneyStage)i, developers[i], conversion, medianDays);
        }

        return new FunnelReport(stages);
    }

    /// <summary>
    /// The reference computation over members' progress, straight from the definition. Stores compute the same
    /// numbers in SQL; tests hold the two to each other.
    /// </summary>
    public static FunnelReport Compute(IEnumerable<MemberProgress> members, DateRange range)
    {
        var developers = new long[JourneyStages.Count];
        var gaps = new List<double>[JourneyStages.Count];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = [];
        }

        foreach (var member in members)
        {
            if (member.FirstActivity is not { } first || !range.Contains(first))
            {
                continue;
            }

            for (var i = 0; i < JourneyStages.Count; i++)
            {
                if (member.ReachedAt((JourneyStage)i) is not { } reached)
                {
                    break;
                }

                developers[i]++;
                if (i > 0)
                {
                    gaps[i].Add((reached - member.ReachedAt((JourneyStage)(i - 1))!.Value).TotalSeconds);
                }
            }
        }

        var medians = new double?[JourneyStages.Count];
        for (var i = 1; i < medians.Length; i++)
        {
            medians[i] = Median(gaps[i]);
        }

        return FromCounts(developers, medians);
    }

    /// <summary>The median with interpolation between the two middle values, as SQL's <c>percentile_cont(0.5)</c>.</summary>
    public static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

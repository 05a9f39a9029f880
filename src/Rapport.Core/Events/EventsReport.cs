using Rapport.Core.Journey;

namespace Rapport.Core.Events;

/// <summary>
/// Every event's return and the comparison of formats, from the events and their <see cref="EventFacts"/>: the one
/// place the arithmetic lives, for the command line, the API and the dashboard (docs/events.md).
/// </summary>
public sealed record EventsReport(IReadOnlyList<EventRoi> Events, IReadOnlyList<FormatComparison> Formats)
{
    public static EventsReport Compute(IReadOnlyList<DevRelEvent> events, IReadOnlyList<EventFacts> facts)
    {
        var byId = facts.ToDictionary(fact => fact.EventId);
        var rows = events.OrderByDescending(devRelEvent => devRelEvent.StartsOn).ThenByDescending(devRelEvent => devRelEvent.Id)
            .Select(devRelEvent => Roi(devRelEvent, byId.GetValueOrDefault(devRelEvent.Id) ?? EventFacts.Empty(devRelEvent.Id)))
            .ToList();
        var formats = Enum.GetValues<EventFormat>()
            .Select(format => Compare(format, events.Where(devRelEvent => devRelEvent.Format == format).ToList(), rows))
            .Where(comparison => comparison.Events > 0)
            .ToList();
        return new EventsReport(rows, formats);
    }

    public static EventRoi Roi(DevRelEvent devRelEvent, EventFacts facts)
    {
        var reach = devRelEvent.ReportedAudience ?? facts.Attended;
        var effort = devRelEvent.EffortHours;
        var rate90 = Rate(facts.ProgressedWithin90Days, facts.Attended);
        var own90 = Rate(facts.ProgressedBefore90Days, facts.Attended);
        var peers90 = Weighted(facts.AttendeesAtStage, facts.PeersAtStage, facts.PeersProgressedWithin90Days);
        var costs = devRelEvent.Costs.GroupBy(cost => cost.Currency, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var total = group.Sum(cost => cost.Amount);
                return new CurrencyCost(
                    group.Key, total, Per(total, facts.Attended), Per(total, facts.ActiveWithin30Days), Per(total, facts.ProgressedWithin90Days));
            })
            .ToList();
        return new EventRoi(
            devRelEvent.Id, devRelEvent.Name, devRelEvent.Kind, devRelEvent.Format, devRelEvent.StartsOn, devRelEvent.ReportedAudience, reach,
            facts.Registered, facts.Attended, facts.Identified, facts.ActiveWithin30Days, facts.ProgressedWithin30Days, facts.ProgressedWithin90Days,
            Round(Rate(facts.ProgressedWithin30Days, facts.Attended)), Round(rate90),
            Round(Rate(facts.ProgressedBefore30Days, facts.Attended)), Round(own90),
            PeerBaseline(facts.AttendeesAtStage, facts.PeersAtStage, facts.PeersProgressedWithin30Days), Round(peers90),
            Round(rate90 - own90), Round(rate90 - peers90),
            effort, PerHour(reach, effort), PerHour(facts.ProgressedWithin90Days, effort), costs);
    }

    /// <summary>
    /// What the attendees' rate would have been had they moved on as the developers who did not attend and were at
    /// the same stage at the start: each stage's rate weighted by the attendees at it. Stages without such
    /// developers are left out of the weights; <c>null</c> when no stage has any.
    /// </summary>
    public static double? PeerBaseline(IReadOnlyList<long> attendeesAtStage, IReadOnlyList<long> peersAtStage, IReadOnlyList<long> peersProgressed) =>
        Round(Weighted(attendeesAtStage, peersAtStage, peersProgressed));

    private static double? Weighted(IReadOnlyList<long> attendeesAtStage, IReadOnlyList<long> peersAtStage, IReadOnlyList<long> peersProgressed)
    {
        double weighted = 0;
        long weights = 0;
        for (var stage = 0; stage < JourneyStages.Count; stage++)
        {
            if (peersAtStage[stage] == 0 || attendeesAtStage[stage] == 0)
            {
                continue;
            }

            weighted += attendeesAtStage[stage] * ((double)peersProgressed[stage] / peersAtStage[stage]);
            weights += attendeesAtStage[stage];
        }

        return weights == 0 ? null : weighted / weights;
    }

    private static FormatComparison Compare(EventFormat format, IReadOnlyList<DevRelEvent> events, IReadOnlyList<EventRoi> rows)
    {
        var ids = events.Select(devRelEvent => devRelEvent.Id).ToHashSet();
        var own = rows.Where(row => ids.Contains(row.EventId)).ToList();
        var reach = own.Sum(row => row.Reach);
        var progressed = own.Sum(row => row.ProgressedWithin90Days);
        double? effort = events.Any(devRelEvent => devRelEvent.EffortHours is not null) ? events.Sum(devRelEvent => devRelEvent.EffortHours ?? 0) : null;
        var costs = events.SelectMany(devRelEvent => devRelEvent.Costs).GroupBy(cost => cost.Currency, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var total = group.Sum(cost => cost.Amount);
                return new FormatCost(group.Key, total, PerThousand(reach, total), PerThousand(progressed, total));
            })
            .ToList();
        return new FormatComparison(
            format, events.Count, reach, own.Sum(row => row.Attended), progressed, effort, PerHour(reach, effort), PerHour(progressed, effort), costs);
    }

    private static double? Rate(long count, long of) => of == 0 ? null : (double)count / of;

    /// <summary>Rates and lifts are shown to four places; they are rounded once, at the end, so lifts add up.</summary>
    private static double? Round(double? value) => value is { } x ? Math.Round(x, 4) : null;

    private static decimal? Per(decimal total, long count) => count == 0 ? null : Math.Round(total / count, 2, MidpointRounding.AwayFromZero);

    private static double? PerHour(long count, double? hours) => hours is > 0 ? Math.Round(count / hours.Value, 2) : null;

    private static double? PerThousand(long count, decimal total) => total == 0 ? null : Math.Round((double)(count * 1000m / total), 2);
}

using Rapport.Core.Events;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Events;

public sealed class EventsReportTests
{
    private static EventsReport Report() => EventsReport.Compute(
        [EventScenario.Meetup, EventScenario.Webinar],
        EventFacts.Reference([EventScenario.Meetup, EventScenario.Webinar], EventScenario.Activities, JourneyMap.Default));

    [Fact]
    public void The_meetups_return_is_computed_as_docs_events_md_works_it_out()
    {
        var meetup = Report().Events.Single(row => row.EventId == 1);

        Assert.Equal(3, meetup.Reach);
        Assert.Equal((3, 3, 2, 2, 1, 2), (meetup.Registered, meetup.Attended, meetup.Identified, meetup.ActiveWithin30Days,
            meetup.ProgressedWithin30Days, meetup.ProgressedWithin90Days));
        Assert.Equal(0.3333, meetup.ProgressionRate30);     // 1 of 3
        Assert.Equal(0.6667, meetup.ProgressionRate90);     // 2 of 3
        Assert.Equal(0.3333, meetup.OwnBaselineRate30);     // Dan, before
        Assert.Equal(0.3333, meetup.OwnBaselineRate90);
        Assert.Equal(0.5, meetup.PeerBaselineRate30);       // (2 × 1/2 + 1 × 1/2) / 3
        Assert.Equal(0.5, meetup.PeerBaselineRate90);
        Assert.Equal(0.3333, meetup.LiftOverOwn90);         // 2/3 − 1/3
        Assert.Equal(0.1667, meetup.LiftOverPeers90);       // 2/3 − 1/2
        Assert.Equal(10, meetup.EffortHours);
        Assert.Equal(0.3, meetup.ReachPerEffortHour);
        Assert.Equal(0.2, meetup.ProgressionsPerEffortHour);
        Assert.Equal([new CurrencyCost("EUR", 600m, 200m, 300m, 300m)], meetup.Costs);
    }

    [Fact]
    public void An_event_known_only_by_its_reported_audience_reaches_that_audience_and_divides_by_nobody()
    {
        var webinar = Report().Events.Single(row => row.EventId == 2);

        Assert.Equal(400, webinar.Reach);
        Assert.Equal(0, webinar.Attended);
        Assert.Null(webinar.ProgressionRate90);
        Assert.Null(webinar.PeerBaselineRate90);
        Assert.Null(webinar.LiftOverPeers90);
        Assert.Equal(100, webinar.ReachPerEffortHour);
        Assert.Equal([new CurrencyCost("USD", 200m, null, null, null)], webinar.Costs);
    }

    [Fact]
    public void In_person_and_online_are_compared_per_effort_hour_and_per_thousand_spent_in_each_currency()
    {
        var report = Report();

        Assert.Equal([2, 1], report.Events.Select(row => row.EventId));
        var inPerson = report.Formats.Single(format => format.Format == EventFormat.InPerson);
        var online = report.Formats.Single(format => format.Format == EventFormat.Online);
        Assert.DoesNotContain(report.Formats, format => format.Format == EventFormat.Hybrid);
        Assert.Equal((1, 3L, 3L, 2L, 10d, 0.3, 0.2), (inPerson.Events, inPerson.Reach, inPerson.Attended, inPerson.ProgressedWithin90Days,
            inPerson.EffortHours!.Value, inPerson.ReachPerEffortHour!.Value, inPerson.ProgressionsPerEffortHour!.Value));
        Assert.Equal([new FormatCost("EUR", 600m, 5, 3.33)], inPerson.Costs);       // 3 × 1000 / 600; 2 × 1000 / 600
        Assert.Equal((1, 400L, 100d, 0d), (online.Events, online.Reach, online.ReachPerEffortHour!.Value, online.ProgressionsPerEffortHour!.Value));
        Assert.Equal([new FormatCost("USD", 200m, 2000, 0)], online.Costs);
    }

    [Fact]
    public void The_peer_baseline_leaves_out_stages_nobody_else_was_at()
    {
        // Attendees: 2 at Discover, 1 at Build; non-attendees: 10 at Discover of whom 3 moved on, nobody at Build.
        Assert.Equal(0.3, EventsReport.PeerBaseline([2, 0, 0, 1, 0], [10, 0, 0, 0, 0], [3, 0, 0, 0, 0]));
        Assert.Null(EventsReport.PeerBaseline([0, 0, 0, 1, 0], [10, 0, 0, 0, 0], [3, 0, 0, 0, 0]));
    }
}

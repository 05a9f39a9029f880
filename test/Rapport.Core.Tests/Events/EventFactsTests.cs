using Rapport.Core.Events;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Events;

public sealed class EventFactsTests
{
    [Fact]
    public void The_reference_counts_the_meetup_as_worked_out_by_hand()
    {
        var facts = EventFacts.Reference([EventScenario.Meetup], EventScenario.Activities, JourneyMap.Default);

        // Registered: Ada, Bob, Cyd. Attended: Ada, Bob, Dan. Known from more than the meetup: Ada, Dan. Active in the 30
        // days from the start: Ada (signed up 03-15), Dan (a page on 03-25). Moved on within 30 days: Ada (Evaluate on
        // 03-15); within 90: Ada and Dan (Build, hence Learn, on 04-20). In the 30 and 90 days before: Dan (Evaluate on
        // 02-20). At the start Ada and Bob were at Discover (Bob by the meetup itself), Dan at Evaluate. Did not attend,
        // seen before the start: Cyd and Gus at Discover (Cyd moved on on 03-20), Eve and Fay at Evaluate (Eve moved on on
        // 03-30); Hal came later.
        Assert.Equal(
            new EventFacts(1, 3, 3, 2, 2, 1, 2, 1, 1, [2, 1, 0, 0, 0], [2, 2, 0, 0, 0], [1, 1, 0, 0, 0], [1, 1, 0, 0, 0]),
            Assert.Single(facts));
    }

    [Fact]
    public void An_event_without_an_attendee_list_has_only_peers()
    {
        var facts = EventFacts.Reference([EventScenario.Webinar], EventScenario.Activities, JourneyMap.Default);

        // At 03-12 00:00 everyone seen by then is a developer who did not attend the webinar: Ada, Bob, Cyd, Gus and Hal
        // (seen at that very moment) at Discover, Dan, Eve, Fay at Evaluate; moved on within 30 days: Ada (03-15), Cyd
        // (03-20); Eve (03-30); within 90 also Dan (04-20).
        Assert.Equal(
            new EventFacts(2, 0, 0, 0, 0, 0, 0, 0, 0, [0, 0, 0, 0, 0], [5, 3, 0, 0, 0], [2, 1, 0, 0, 0], [2, 2, 0, 0, 0]),
            Assert.Single(facts));
    }

    [Fact]
    public void Reaching_Discover_by_coming_to_the_event_is_not_moving_on()
    {
        // Checked in at 18:00 on the day, seen for the first time then: at the start they had no stage at all.
        var checkIn = EventScenario.Start.AddHours(18);
        IReadOnlyList<EventActivityRecord> activities =
        [
            new(1, EventActivities.Attended, checkIn, "event:1:attended:email:new@example.com"),
            new(1, "Signed Up", checkIn.AddDays(2), "n1"),
            new(2, EventActivities.Attended, checkIn, "event:1:attended:email:other@example.com"),
        ];

        var facts = Assert.Single(EventFacts.Reference([EventScenario.Meetup], activities, JourneyMap.Default));

        Assert.Equal(2, facts.Attended);
        Assert.Equal(1, facts.ProgressedWithin30Days);
        Assert.Equal([2, 0, 0, 0, 0], facts.AttendeesAtStage);
        Assert.Equal([0, 0, 0, 0, 0], facts.PeersAtStage);
    }
}

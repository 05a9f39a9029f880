using System.Text.Json;
using Rapport.Core.Content;
using Rapport.Core.Events;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static readonly DateTime MeetupStart = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The meetup of docs/events.md and the developers around it (the same as Core's EventScenario): who did what,
    /// when, under which message id.
    /// </summary>
    private static readonly (string Developer, string Type, DateTime At, string MessageId)[] MeetupTraffic =
    [
        ("ada", "page", Utc(2, 1), "a1"),
        ("ada", EventActivities.Registered, Utc(3, 1), "event:1:registered:user:ada"),
        ("ada", EventActivities.Attended, MeetupStart, "event:1:attended:user:ada"),
        ("ada", "Signed Up", Utc(3, 15), "a2"),
        ("ada", "Tutorial Started", Utc(5, 1), "a3"),
        ("bob", EventActivities.Registered, Utc(3, 2), "event:1:registered:user:bob"),
        ("bob", EventActivities.Attended, MeetupStart, "event:1:attended:user:bob"),
        ("cyd", "page", Utc(3, 1), "c1"),
        ("cyd", EventActivities.Registered, Utc(3, 1), "event:1:registered:user:cyd"),
        ("cyd", "Signed Up", Utc(3, 20), "c2"),
        ("dan", "page", Utc(1, 5), "d1"),
        ("dan", "Signed Up", Utc(2, 20), "d2"),
        ("dan", EventActivities.Attended, MeetupStart, "event:1:attended:user:dan"),
        ("dan", "page", Utc(3, 25), "d3"),
        ("dan", "API Called", Utc(4, 20), "d4"),
        ("eve", "page", Utc(1, 10), "e1"),
        ("eve", "Signed Up", Utc(1, 11), "e2"),
        ("eve", "Tutorial Started", Utc(3, 30), "e3"),
        ("fay", "page", Utc(2, 1), "f1"),
        ("fay", "Signed Up", Utc(2, 2), "f2"),
        ("gus", "page", Utc(3, 5), "g1"),
        ("hal", "page", Utc(3, 12), "h1"),
    ];

    private static readonly EventFields MeetupFields = new()
    {
        Name = "Lisbon .NET meetup",
        Kind = EventKind.Meetup,
        Format = EventFormat.InPerson,
        StartsOn = new DateOnly(2026, 3, 10),
        Location = "Lisbon",
        AudienceTags = ["dotnet", "Platform-Teams"],
        Costs = [new EventCost(CostCategory.Sponsorship, 500m, "EUR"), new EventCost(CostCategory.Travel, 100m, "eur")],
        EffortHours = 10,
    };

    private static readonly EventFields WebinarFields = new()
    {
        Name = "SDKs in CI, live",
        Kind = EventKind.Webinar,
        Format = EventFormat.Online,
        StartsOn = new DateOnly(2026, 3, 12),
        ReportedAudience = 400,
        Costs = [new EventCost(CostCategory.Other, 200m, "USD")],
        EffortHours = 4,
    };

    private async Task IngestMeetupTrafficAsync() =>
        await IngestAsync([.. MeetupTraffic.Select(row => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "track",
            ["messageId"] = row.MessageId,
            ["userId"] = row.Developer,
            ["event"] = row.Type,
            ["timestamp"] = row.At.ToString("O"),
        }))]);

    [Fact]
    public async Task An_event_is_added_numbered_read_back_and_edited_field_by_field()
    {
        var talk = await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.Talk, Title = "Minimal APIs in anger" }, Token);
        var meetup = await Store.AddEventAsync(Workspace, MeetupFields with { Talks = [talk.Id] }, Token);
        var webinar = await Store.AddEventAsync(Workspace, WebinarFields, Token);

        Assert.Equal(1, meetup.Id);
        Assert.Equal(2, webinar.Id);
        var read = await Store.GetEventAsync(Workspace, 1, Token);
        Assert.NotNull(read);
        Assert.Equal("Lisbon .NET meetup", read.Name);
        Assert.Equal(EventKind.Meetup, read.Kind);
        Assert.Equal(EventFormat.InPerson, read.Format);
        Assert.Equal(new DateOnly(2026, 3, 10), read.StartsOn);
        Assert.Equal(new DateOnly(2026, 3, 10), read.EndsOn);
        Assert.Equal("Lisbon", read.Location);
        Assert.Equal(["dotnet", "platform-teams"], read.AudienceTags);
        Assert.Equal([new EventCost(CostCategory.Sponsorship, 500m, "EUR"), new EventCost(CostCategory.Travel, 100m, "EUR")], read.Costs);
        Assert.Equal(10, read.EffortHours);
        Assert.Equal([talk.Id], read.Talks);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, read.CreatedAt);
        Assert.Equal([2L, 1L], (await Store.ListEventsAsync(Workspace, Token)).Select(devRelEvent => devRelEvent.Id));

        Clock.Advance(TimeSpan.FromHours(1));
        var edited = await Store.UpdateEventAsync(Workspace, 1, new EventFields { StartsOn = new DateOnly(2026, 3, 11), ReportedAudience = 60 }, Token);

        Assert.NotNull(edited);
        var again = await Store.GetEventAsync(Workspace, 1, Token);
        Assert.NotNull(again);
        Assert.Equal(new DateOnly(2026, 3, 11), again.StartsOn);
        Assert.Equal(new DateOnly(2026, 3, 11), again.EndsOn);
        Assert.Equal(60, again.ReportedAudience);
        Assert.Equal("Lisbon .NET meetup", again.Name);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, again.UpdatedAt);
        Assert.Null(await Store.UpdateEventAsync(Workspace, 9, new EventFields { Name = "x" }, Token));
        Assert.Null(await Store.GetEventAsync(Workspace, 9, Token));
    }

    [Fact]
    public async Task A_talk_must_be_a_content_item_and_nothing_is_stored_otherwise()
    {
        var refused = await Assert.ThrowsAsync<FormatException>(() => Store.AddEventAsync(Workspace, MeetupFields with { Talks = [7] }, Token));

        Assert.Equal("there is no content item 7 to be a talk given there", refused.Message);
        Assert.Empty(await Store.ListEventsAsync(Workspace, Token));
    }

    [Fact]
    public async Task Event_facts_in_SQL_equal_the_hand_count_and_the_reference_computation()
    {
        await Store.AddEventAsync(Workspace, MeetupFields, Token);
        await Store.AddEventAsync(Workspace, WebinarFields, Token);
        await IngestMeetupTrafficAsync();
        var events = await Store.ListEventsAsync(Workspace, Token);

        var facts = await Store.GetEventFactsAsync(Workspace, events, Token);

        // Worked out by hand in Core's EventFactsTests and docs/events.md.
        Assert.Equal(
            [
                new EventFacts(2, 0, 0, 0, 0, 0, 0, 0, 0, [0, 0, 0, 0, 0], [5, 3, 0, 0, 0], [2, 1, 0, 0, 0], [2, 2, 0, 0, 0]),
                new EventFacts(1, 3, 3, 2, 2, 1, 2, 1, 1, [2, 1, 0, 0, 0], [2, 2, 0, 0, 0], [1, 1, 0, 0, 0], [1, 1, 0, 0, 0]),
            ],
            facts);
        var members = new Dictionary<string, long>();
        foreach (var developer in MeetupTraffic.Select(row => row.Developer).Distinct())
        {
            members[developer] = (await FindExistingAsync("user:" + developer)).Id;
        }

        var reference = EventFacts.Reference(
            events, [.. MeetupTraffic.Select(row => new EventActivityRecord(members[row.Developer], row.Type, row.At, row.MessageId))], JourneyMap.Default);
        Assert.Equal(reference, facts);
    }

    [Fact]
    public async Task The_events_report_puts_the_arithmetic_of_Core_on_the_stored_facts()
    {
        await Store.AddEventAsync(Workspace, MeetupFields, Token);
        await Store.AddEventAsync(Workspace, WebinarFields, Token);
        await IngestMeetupTrafficAsync();

        var report = await Store.GetEventsReportAsync(Workspace, Token);

        var meetup = report.Events.Single(row => row.EventId == 1);
        // 600 EUR over 3 attendees, 2 active developers and 2 progressions; 3 attendees per 10 hours.
        Assert.Equal(new CurrencyCost("EUR", 600m, 200m, 300m, 300m), Assert.Single(meetup.Costs));
        Assert.Equal(0.6667, meetup.ProgressionRate90);
        Assert.Equal(0.3333, meetup.OwnBaselineRate90);
        // Peers: Discover 1 of 2, Evaluate 1 of 2; weighted by 2 and 1 attendees: (2 × 0.5 + 1 × 0.5) ÷ 3 = 0.5.
        Assert.Equal(0.5, meetup.PeerBaselineRate90);
        Assert.Equal(0.3, meetup.ReachPerEffortHour);
        var online = report.Formats.Single(format => format.Format == EventFormat.Online);
        // The webinar reached its reported 400 in 4 hours: 100 an hour, and 2,000 per 1,000 USD.
        Assert.Equal(100, online.ReachPerEffortHour);
        Assert.Equal(2000, Assert.Single(online.Costs).ReachPerThousand);
    }
}

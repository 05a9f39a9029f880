using Rapport.Core.Events;

namespace Rapport.Core.Tests.Events;

/// <summary>
/// A meetup on 2026-03-10 and the developers around it, small enough to count by hand (docs/events.md works the same
/// example). Members: 1 Ada, 2 Bob, 3 Cyd, 4 Dan, 5 Eve, 6 Fay, 7 Gus, 8 Hal.
/// </summary>
internal static class EventScenario
{
    public static DateTime Start { get; } = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    public static DevRelEvent Meetup { get; } = new EventFields
    {
        Name = "Lisbon .NET meetup",
        Kind = EventKind.Meetup,
        Format = EventFormat.InPerson,
        StartsOn = new DateOnly(2026, 3, 10),
        Costs = [new EventCost(CostCategory.Sponsorship, 500m, "EUR"), new EventCost(CostCategory.Travel, 100m, "eur")],
        EffortHours = 10,
    }.Create(1, Start);

    public static DevRelEvent Webinar { get; } = new EventFields
    {
        Name = "SDKs in CI, live",
        Kind = EventKind.Webinar,
        Format = EventFormat.Online,
        StartsOn = new DateOnly(2026, 3, 12),
        ReportedAudience = 400,
        Costs = [new EventCost(CostCategory.Other, 200m, "USD")],
        EffortHours = 4,
    }.Create(2, Start);

    public static IReadOnlyList<EventActivityRecord> Activities { get; } =
    [
        // Ada: seen in February, registered and came, signed up five days later, started a tutorial in May.
        new(1, "page", Day(2, 1), "a1"),
        new(1, EventActivities.Registered, Day(3, 1), "event:1:registered:email:ada@example.com"),
        new(1, EventActivities.Attended, Start, "event:1:attended:email:ada@example.com"),
        new(1, "Signed Up", Day(3, 15), "a2"),
        new(1, "Tutorial Started", Day(5, 1), "a3"),

        // Bob: known only from the meetup.
        new(2, EventActivities.Registered, Day(3, 2), "event:1:registered:email:bob@example.com"),
        new(2, EventActivities.Attended, Start, "event:1:attended:email:bob@example.com"),

        // Cyd registered and did not come; signed up anyway.
        new(3, "page", Day(3, 1), "c1"),
        new(3, EventActivities.Registered, Day(3, 1), "event:1:registered:email:cyd@example.com"),
        new(3, "Signed Up", Day(3, 20), "c2"),

        // Dan walked in, already at Evaluate since February; called the API in April.
        new(4, "page", Day(1, 5), "d1"),
        new(4, "Signed Up", Day(2, 20), "d2"),
        new(4, EventActivities.Attended, Start, "event:1:attended:email:dan@example.com"),
        new(4, "page", Day(3, 25), "d3"),
        new(4, "API Called", Day(4, 20), "d4"),

        // Eve and Fay were at Evaluate and did not come; Eve moved on to Learn.
        new(5, "page", Day(1, 10), "e1"),
        new(5, "Signed Up", Day(1, 11), "e2"),
        new(5, "Tutorial Started", Day(3, 30), "e3"),
        new(6, "page", Day(2, 1), "f1"),
        new(6, "Signed Up", Day(2, 2), "f2"),

        // Gus was at Discover and stayed; Hal was first seen after the meetup.
        new(7, "page", Day(3, 5), "g1"),
        new(8, "page", Day(3, 12), "h1"),
    ];

    public static DateTime Day(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);
}

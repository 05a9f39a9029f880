using Rapport.Core.Events;

namespace Rapport.Core.Tests.Events;

public sealed class EventFieldsTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Costs_read_from_the_command_line_keep_their_currency_in_upper_case()
    {
        Assert.Equal(new EventCost(CostCategory.Sponsorship, 5000m, "EUR"), EventCost.Parse("sponsorship:5000:eur"));
        Assert.Equal(new EventCost(CostCategory.Travel, 1234.5m, "USD"), EventCost.Parse("Travel:1234.50:USD"));
        Assert.Equal("'5,000' is not an amount (write 5000 or 1234.50)", Assert.Throws<FormatException>(() => EventCost.Parse("other:5,000:EUR")).Message);
        Assert.Equal("'euro' is not a currency code; write three letters as ISO 4217 does (EUR, USD, GBP)",
            Assert.Throws<FormatException>(() => EventCost.Parse("other:5:euro")).Message);
        Assert.Equal("'food' is not a cost category; the categories are sponsorship, travel, other",
            Assert.Throws<FormatException>(() => EventCost.Parse("food:5:EUR")).Message);
    }

    [Fact]
    public void An_event_needs_a_name_kind_format_and_start_and_cannot_end_before_it_starts()
    {
        var fields = new EventFields { Name = "NDC Oslo", Kind = EventKind.Conference, Format = EventFormat.InPerson, StartsOn = new DateOnly(2026, 6, 8) };

        var created = (fields with { EndsOn = new DateOnly(2026, 6, 12), AudienceTags = ["DotNet", "Azure", "dotnet"] }).Create(3, Now);

        Assert.Equal(new DateOnly(2026, 6, 12), created.EndsOn);
        Assert.Equal(["dotnet", "azure"], created.AudienceTags);
        Assert.Equal("an event needs a format: in_person, online, hybrid",
            Assert.Throws<FormatException>(() => (fields with { Format = null }).Create(1, Now)).Message);
        Assert.Equal("the event ends (2026-06-01) before it starts (2026-06-08)",
            Assert.Throws<FormatException>(() => (fields with { EndsOn = new DateOnly(2026, 6, 1) }).Create(1, Now)).Message);
    }

    [Fact]
    public void Moving_a_one_day_event_moves_its_end_and_editing_keeps_what_was_not_given()
    {
        var meetup = EventScenario.Meetup;

        var moved = new EventFields { StartsOn = new DateOnly(2026, 3, 17) }.ApplyTo(meetup, Now);

        Assert.Equal((new DateOnly(2026, 3, 17), new DateOnly(2026, 3, 17)), (moved.StartsOn, moved.EndsOn));
        Assert.Equal(meetup.Costs, moved.Costs);
        Assert.Equal(meetup.Name, moved.Name);
        Assert.Equal(Now, moved.UpdatedAt);
    }
}

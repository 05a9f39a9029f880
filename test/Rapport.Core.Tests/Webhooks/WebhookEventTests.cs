using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Webhooks;

public sealed class WebhookEventTests
{
    private static readonly DateTime At = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_event_with_an_idempotency_key_has_the_same_id_each_time_and_another_key_or_name_another_id()
    {
        var first = WebhookEvent.Create("drql.created", new { Lead = 1 }, At, idempotencyKey: "organization:acme.io");
        var again = WebhookEvent.Create("drql.created", new { Lead = 1 }, At.AddDays(1), idempotencyKey: "organization:acme.io");
        var other = WebhookEvent.Create("drql.created", new { Lead = 2 }, At, idempotencyKey: "organization:initech.io");
        var otherName = WebhookEvent.Create("member.stalled", new { Lead = 1 }, At, idempotencyKey: "organization:acme.io");

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, otherName.Id);
        Assert.Equal(8, first.Id.Version);
    }

    [Fact]
    public void Events_without_a_key_get_new_ids_and_their_data_is_camel_case_json()
    {
        var first = WebhookEvent.Create("member.stalled", new { MemberId = 7, StageName = "learn" }, At, "Ada stalled at learn");
        var second = WebhookEvent.Create("member.stalled", new { MemberId = 7, StageName = "learn" }, At);

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(7, first.Id.Version);
        Assert.Equal("""{"memberId":7,"stageName":"learn"}""", first.Payload);
        Assert.Equal(("member.stalled", At, "Ada stalled at learn"), (first.Name, first.OccurredAt, first.Text));
    }

    [Theory]
    [InlineData("Drql.Created")]
    [InlineData("drql created")]
    [InlineData(".drql")]
    [InlineData("")]
    public void An_event_name_that_is_not_lower_case_dotted_words_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => WebhookEvent.Create(name, new { }, At));
    }

    [Fact]
    public void Data_that_is_not_a_json_object_is_refused()
    {
        Assert.Throws<ArgumentException>(() => WebhookEvent.Create("member.stalled", new[] { 1, 2 }, At));
    }

    [Theory]
    [InlineData("drql.created", "drql.created")]
    [InlineData("member.stalled, drql.created,member.stalled", "member.stalled,drql.created")]
    [InlineData(" DRQL.CREATED ", "drql.created")]
    [InlineData("drql.created,*", "*")]
    public void A_subscription_s_event_list_is_read_without_repeats_in_a_fixed_order(string list, string expected)
    {
        Assert.Equal(expected, string.Join(',', WebhookEventNames.ParseList([list])));
    }

    [Fact]
    public void A_subscription_wants_its_events_and_star_wants_every_event_but_ping()
    {
        var some = new WebhookSubscription(1, "https://a.example.com/", ["drql.created"], WebhookFormat.Json, At);
        var all = some with { Events = ["*"] };

        Assert.True(some.Wants("drql.created"));
        Assert.False(some.Wants("member.stalled"));
        Assert.True(all.Wants("member.stalled"));
        Assert.False(all.Wants("ping"));
    }
}

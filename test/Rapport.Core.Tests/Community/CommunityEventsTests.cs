using System.Text.Json;
using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Tests.Community;

public sealed class CommunityEventsTests
{
    private static readonly DateTime AsOf = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly CommunityRefresh Refresh = new(
        AsOf, Members: 10,
        [new LevelChange(7, CommunityLevel.Active, CommunityLevel.Hero)],
        [new StalledMember(9, JourneyStage.Learn, AsOf.AddDays(-2))],
        [new CreatedOutreachTask(3, 9, OutreachReason.Stalled)]);

    [Fact]
    public void Each_change_is_one_event_with_its_facts_and_a_sentence_for_chat()
    {
        var events = CommunityEvents.From(Refresh);

        Assert.Equal([WebhookEventNames.MemberLevelChanged, WebhookEventNames.MemberStalled, WebhookEventNames.OutreachCreated], events.Select(e => e.Name));
        using var level = JsonDocument.Parse(events[0].Payload);
        Assert.Equal((7, "active", "hero"), (level.RootElement.GetProperty("memberId").GetInt64(),
            level.RootElement.GetProperty("from").GetString(), level.RootElement.GetProperty("to").GetString()));
        using var stalled = JsonDocument.Parse(events[1].Payload);
        Assert.Equal("learn", stalled.RootElement.GetProperty("stage").GetString());
        Assert.Equal("Developer #9 has gone quiet at learn since 2026-03-30: are they stuck?", events[1].Text);
        using var task = JsonDocument.Parse(events[2].Payload);
        Assert.Equal((3, "stalled"), (task.RootElement.GetProperty("taskId").GetInt64(), task.RootElement.GetProperty("reason").GetString()));
        Assert.All(events, e => Assert.Equal(AsOf, e.OccurredAt));
    }

    [Fact]
    public void The_same_change_announced_twice_has_the_same_id_and_a_new_episode_a_new_one()
    {
        var first = CommunityEvents.From(Refresh);
        var again = CommunityEvents.From(Refresh);
        var laterEpisode = CommunityEvents.From(Refresh with { BecameStalled = [new StalledMember(9, JourneyStage.Learn, AsOf.AddDays(20))] });

        Assert.Equal(first.Select(e => e.Id), again.Select(e => e.Id));
        Assert.NotEqual(first[1].Id, laterEpisode[1].Id);
        Assert.Equal(first[0].Id, laterEpisode[0].Id);
    }
}

using Rapport.Core.Ingest;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Identify_merges_members_committed_in_earlier_sessions_into_the_older_one()
    {
        await IngestAsync(
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"a2","anonymousId":"x","event":"Docs Viewed","timestamp":"2026-03-04T10:00:00Z"}""");
        await IngestAsync(
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"track","messageId":"b2","userId":"7","event":"API Called","timestamp":"2026-03-06T10:00:00Z"}""");
        var a = await FindExistingAsync("anonymous:x");
        var b = await FindExistingAsync("user:7");
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);

        var summary = await IngestAsync(
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-07T10:00:00Z"}""");

        Assert.True(a.Id < b.Id);
        Assert.Equal(new IngestSummary { MessagesRead = 1, ProfileUpdatesStored = 1, MembersMerged = 1 }, summary);
        foreach (var identity in new[] { "anonymous:x", "user:7" })
        {
            var member = await FindExistingAsync(identity);
            Assert.Equal(a.Id, member.Id);
            Assert.Equal(["anonymous:x", "user:7"], member.Identities);
            Assert.Equal(4, member.ActivityCount);
            Assert.Equal(JourneyStage.Build, member.Stage);
            Assert.Equal(
                new Dictionary<JourneyStage, DateTime>
                {
                    [JourneyStage.Discover] = Utc(3, 1, 10),
                    [JourneyStage.Evaluate] = Utc(3, 2, 10),
                    [JourneyStage.Learn] = Utc(3, 6, 10),
                    [JourneyStage.Build] = Utc(3, 6, 10),
                },
                member.StagesReached.ToDictionary());
            Assert.Equal(Utc(3, 1, 10), member.FirstActivity);
            Assert.Equal(Utc(3, 6, 10), member.LastActivity);
        }

        Assert.Equal(
            [new StoredProgress(Utc(3, 1, 10), Utc(3, 6, 10), 4, Utc(3, 1, 10), Utc(3, 2, 10), Utc(3, 6, 10), Utc(3, 6, 10), null)],
            await ReadProgressAsync(Store, Workspace));
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(1, stats.Developers);
        Assert.Equal(1, stats.IdentifiedDevelopers);
        Assert.Equal(0, stats.AnonymousDevelopers);

        await IngestAsync(
            """{"type":"track","messageId":"d1","anonymousId":"x","event":"Plan Upgraded","timestamp":"2026-03-08T10:00:00Z"}""");

        var later = await FindExistingAsync("user:7");
        Assert.Equal(a.Id, later.Id);
        Assert.Equal(5, later.ActivityCount);
        Assert.Equal(JourneyStage.Scale, later.Stage);
        Assert.Equal(1, (await Store.GetStatsAsync(Workspace, Token)).Developers);
    }

    [Fact]
    public async Task Alias_links_a_stored_anonymous_member_to_a_stored_user()
    {
        await IngestAsync("""{"type":"page","messageId":"p1","anonymousId":"anon-b","timestamp":"2026-03-01T10:00:00Z"}""");
        await IngestAsync("""{"type":"track","messageId":"t1","userId":"9","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var anonymous = await FindExistingAsync("anonymous:anon-b");

        var summary = await IngestAsync(
            """{"type":"alias","messageId":"al1","previousId":"anon-b","userId":"9","timestamp":"2026-03-03T10:00:00Z"}""");

        Assert.Equal(new IngestSummary { MessagesRead = 1, ProfileUpdatesStored = 1, MembersMerged = 1 }, summary);
        var member = await FindExistingAsync("user:9");
        Assert.Equal(anonymous.Id, member.Id);
        Assert.Equal(["anonymous:anon-b", "user:9"], member.Identities);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Evaluate, member.Stage);
    }

    [Fact]
    public async Task Members_with_different_user_ids_sharing_an_anonymous_id_are_not_merged()
    {
        var first = await IngestAsync(
            """{"type":"identify","messageId":"i1","anonymousId":"shared-laptop","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"page","messageId":"p1","anonymousId":"shared-laptop","userId":"1","timestamp":"2026-03-01T10:01:00Z"}""");
        var second = await IngestAsync(
            """{"type":"track","messageId":"t2","anonymousId":"shared-laptop","userId":"2","event":"Signed Up","timestamp":"2026-03-02T10:01:00Z"}""");

        Assert.Equal(
            new IngestSummary { MessagesRead = 2, ActivitiesStored = 1, ProfileUpdatesStored = 1, MembersCreated = 1, IdentitiesAdded = 2 },
            first);
        Assert.Equal(
            new IngestSummary { MessagesRead = 1, ActivitiesStored = 1, MembersCreated = 1, IdentitiesAdded = 1 },
            second);
        var one = await FindExistingAsync("user:1");
        var two = await FindExistingAsync("user:2");
        Assert.NotEqual(one.Id, two.Id);
        Assert.Equal(["anonymous:shared-laptop", "user:1"], one.Identities);
        Assert.Equal(["user:2"], two.Identities);
        Assert.Equal(1, one.ActivityCount);
        Assert.Equal(JourneyStage.Discover, one.Stage);
        Assert.Equal(1, two.ActivityCount);
        Assert.Equal(JourneyStage.Evaluate, two.Stage);
        Assert.Equal(one.Id, (await FindExistingAsync("anonymous:shared-laptop")).Id);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(2, stats.Developers);
        Assert.Equal(2, stats.IdentifiedDevelopers);
    }

    [Fact]
    public async Task The_user_id_guard_holds_within_one_session_too()
    {
        var summary = await IngestAsync(
            """{"type":"page","messageId":"p1","anonymousId":"kiosk","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"page","messageId":"p2","anonymousId":"kiosk","userId":"2","timestamp":"2026-03-01T11:00:00Z"}""",
            """{"type":"page","messageId":"p3","anonymousId":"kiosk","timestamp":"2026-03-01T12:00:00Z"}""");

        Assert.Equal(
            new IngestSummary { MessagesRead = 3, ActivitiesStored = 3, MembersCreated = 2, IdentitiesAdded = 3 },
            summary);
        Assert.Equal(["anonymous:kiosk", "user:1"], (await FindExistingAsync("user:1")).Identities);
        Assert.Equal(2, (await FindExistingAsync("user:1")).ActivityCount);
        Assert.Equal(["user:2"], (await FindExistingAsync("user:2")).Identities);
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_pair_of_members_kept_apart_counts_as_one_merge_suggestion_however_often_it_is_seen()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"1","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-01T10:00:00Z"}""");

        var summary = await IngestAsync(
            """{"type":"identify","messageId":"i2","userId":"2","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"i3","userId":"2","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-02T10:01:00Z"}""",
            """{"type":"identify","messageId":"i4","userId":"2","traits":{"email":"pat@analytical.io"},"timestamp":"2026-03-02T10:02:00Z"}""");

        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);
        Assert.Equal(1, summary.MergesSuggested);
        Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, Core.Members.MergeSuggestionStatus.Open, 10, Token));
    }
}

using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task The_funnel_counts_converts_and_takes_median_days_between_stages()
    {
        await IngestAsync(
            """{"type":"page","messageId":"m1-1","anonymousId":"m1","timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"m1-2","anonymousId":"m1","event":"Signed Up","timestamp":"2026-03-02T12:00:00Z"}""",
            """{"type":"track","messageId":"m1-3","anonymousId":"m1","event":"Tutorial Started","timestamp":"2026-03-05T00:00:00Z"}""",
            """{"type":"page","messageId":"m2-1","anonymousId":"m2","timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"m2-2","anonymousId":"m2","event":"Docs Viewed","timestamp":"2026-03-04T00:00:00Z"}""",
            """{"type":"track","messageId":"m3-1","userId":"3","event":"API Called","timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"page","messageId":"m4-1","anonymousId":"m4","timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"identify","messageId":"m5-1","userId":"5","timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"page","messageId":"m6-1","anonymousId":"m6","timestamp":"2026-02-20T00:00:00Z"}""",
            """{"type":"track","messageId":"m6-2","anonymousId":"m6","event":"Signed Up","timestamp":"2026-03-01T00:00:00Z"}""");

        var all = await Store.GetFunnelAsync(Workspace, DateRange.All, Token);
        var march = await Store.GetFunnelAsync(Workspace, DateRange.Parse("2026-03-01", "2026-03-31"), Token);
        var april = await Store.GetFunnelAsync(Workspace, DateRange.Parse("2026-04-01", null), Token);

        // Days from the previous stage: Evaluate 1.5, 3, 0 (API call), 9 (m6); Learn 2.5, 0; Build 0.
        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 5, null, null),
                new FunnelStage(JourneyStage.Evaluate, 4, 0.8, 2.25),
                new FunnelStage(JourneyStage.Learn, 2, 0.5, 1.25),
                new FunnelStage(JourneyStage.Build, 1, 0.5, 0),
                new FunnelStage(JourneyStage.Scale, 0, 0, null),
            ],
            all.Stages);
        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 4, null, null),
                new FunnelStage(JourneyStage.Evaluate, 3, 0.75, 1.5),
                new FunnelStage(JourneyStage.Learn, 2, 0.6667, 1.25),
                new FunnelStage(JourneyStage.Build, 1, 0.5, 0),
                new FunnelStage(JourneyStage.Scale, 0, 0, null),
            ],
            march.Stages);
        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 0, null, null),
                new FunnelStage(JourneyStage.Evaluate, 0, null, null),
                new FunnelStage(JourneyStage.Learn, 0, null, null),
                new FunnelStage(JourneyStage.Build, 0, null, null),
                new FunnelStage(JourneyStage.Scale, 0, null, null),
            ],
            april.Stages);
    }

    [Fact]
    public async Task The_funnel_in_the_store_equals_the_reference_computation_over_stored_progress()
    {
        var traffic = GeneratedTraffic.Developers(count: 80, seed: 20_260_301);
        foreach (var session in traffic.Messages.Chunk(110))
        {
            await IngestAsync(session);
        }

        var members = await Store.ReadMemberProgressAsync(Workspace, Token).ToListAsync(Token);
        var all = await Store.GetFunnelAsync(Workspace, DateRange.All, Token);

        Assert.InRange(traffic.Messages.Count, 250, 450);
        Assert.Equal(80, (await Store.GetStatsAsync(Workspace, Token)).Developers);
        Assert.Equal(
            JourneyStages.All.Select(stage => (long)traffic.HighestStage.Count(highest => highest >= stage)),
            all.Stages.Select(stage => stage.Developers));
        Assert.All(all.Stages, stage => Assert.True(stage.Developers > 0));
        DateRange[] ranges =
        [
            DateRange.All,
            new(Utc(2, 15), Utc(3, 10)),
            new(Utc(3, 1), null),
            new(null, Utc(2, 20, 12)),
        ];
        foreach (var range in ranges)
        {
            var expected = FunnelReport.Compute(members, range);
            var actual = await Store.GetFunnelAsync(Workspace, range, Token);
            Assert.Equal(expected.Stages, actual.Stages);
        }
    }

    [Fact]
    public async Task The_median_days_use_the_exact_time_between_stages_not_whole_milliseconds()
    {
        // 21 min 35.999001 s is 0.0149999884 days: 0.01 when rounded to two places. Truncating both times to whole
        // milliseconds makes it 21 min 36 s, exactly 0.015 days, which rounds to 0.02.
        await IngestAsync(
            """{"type":"page","messageId":"p1","anonymousId":"a","timestamp":"2026-03-01T00:00:00.000999Z"}""",
            """{"type":"track","messageId":"t1","anonymousId":"a","event":"Signed Up","timestamp":"2026-03-01T00:21:36.000000Z"}""");
        var members = await Store.ReadMemberProgressAsync(Workspace, Token).ToListAsync(Token);

        var funnel = await Store.GetFunnelAsync(Workspace, DateRange.All, Token);

        Assert.Equal(0.01, FunnelReport.Compute(members, DateRange.All).Stages[1].MedianDaysFromPrevious);
        Assert.Equal(0.01, funnel.Stages[1].MedianDaysFromPrevious);
    }

    [Fact]
    public async Task The_funnel_filtered_by_first_touch_channel_counts_developers_whose_first_activity_came_through_it()
    {
        await IngestAsync(
            """{"type":"page","messageId":"n1-1","anonymousId":"n1","context":{"campaign":{"source":"Newsletter"}},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"n1-2","anonymousId":"n1","event":"Signed Up","timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"track","messageId":"n2-1","anonymousId":"n2","event":"Signed Up","properties":{"channel":"newsletter"},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"track","messageId":"n2-2","anonymousId":"n2","event":"API Called","context":{"page":{"referrer":"https://github.com/acme"}},"timestamp":"2026-03-06T00:00:00Z"}""",
            """{"type":"page","messageId":"g1-1","anonymousId":"g1","context":{"page":{"referrer":"https://www.github.com/acme/sdk"}},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"page","messageId":"g1-2","anonymousId":"g1","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"page","messageId":"x1-1","anonymousId":"x1","timestamp":"2026-02-20T00:00:00Z"}""",
            """{"type":"track","messageId":"x1-2","anonymousId":"x1","event":"Signed Up","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-01T00:00:00Z"}""");

        var newsletter = await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "newsletter"), Token);
        var github = await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: " GitHub.com "), Token);
        var newsletterSinceMarch2 = await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.Parse("2026-03-02", null), Channel: "newsletter"), Token);
        var nobody = await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "podcast"), Token);

        // n1 and n2 came first through the newsletter (campaign source; explicit channel); g1 through github.com (the
        // referrer) and x1 through nothing, although their later activities name the newsletter. Evaluate: n1 took 2
        // days, n2 0 (its first activity is a sign-up): median 1. n2 reached Learn and Build with its API call 4 days on.
        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 2, null, null),
                new FunnelStage(JourneyStage.Evaluate, 2, 1, 1),
                new FunnelStage(JourneyStage.Learn, 1, 0.5, 4),
                new FunnelStage(JourneyStage.Build, 1, 1, 0),
                new FunnelStage(JourneyStage.Scale, 0, 0, null),
            ],
            newsletter.Stages);
        Assert.Equal([1L, 0, 0, 0, 0], github.Stages.Select(stage => stage.Developers));
        Assert.Equal([1L, 1, 1, 1, 0], newsletterSinceMarch2.Stages.Select(stage => stage.Developers));
        Assert.Equal([0L, 0, 0, 0, 0], nobody.Stages.Select(stage => stage.Developers));
        Assert.Equal([4L, 3, 1, 1, 0], (await Store.GetFunnelAsync(Workspace, FunnelFilter.All, Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal(["newsletter", "github.com"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
    }

    [Fact]
    public async Task The_first_touch_channel_follows_a_merge_to_the_earliest_activity_of_the_merged_developer()
    {
        await IngestAsync(
            """{"type":"page","messageId":"a-1","anonymousId":"anon-a","context":{"campaign":{"source":"podcast"}},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"u-1","userId":"ada","event":"Signed Up","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-04T00:00:00Z"}""");
        Assert.Equal([1L, 1, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "newsletter"), Token)).Stages.Select(stage => stage.Developers));

        await IngestAsync("""{"type":"alias","messageId":"al-1","userId":"ada","previousId":"anon-a","timestamp":"2026-03-05T00:00:00Z"}""");

        // One developer now, first seen on March 1 through the podcast.
        Assert.Equal([0L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "newsletter"), Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal([1L, 1, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "podcast"), Token)).Stages.Select(stage => stage.Developers));
    }

    [Fact]
    public async Task Stored_developers_merged_in_one_commit_give_the_survivor_the_earliest_first_touch_and_at_a_tie_the_first_channel()
    {
        // Stored apart: Wes first (so he survives) but seen latest, two visitors seen before him, and Ann and Bo seen at
        // the same instant.
        await IngestAsync(
            """{"type":"page","messageId":"w-1","userId":"wes","context":{"campaign":{"source":"zeta"}},"timestamp":"2026-03-05T00:00:00Z"}""",
            """{"type":"page","messageId":"p-1","anonymousId":"visitor-p","context":{"campaign":{"source":"Podcast"}},"timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"page","messageId":"g-1","anonymousId":"visitor-g","context":{"campaign":{"source":"GitHub"}},"timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"page","messageId":"a-1","userId":"ann","context":{"campaign":{"source":"zeta"}},"timestamp":"2026-03-07T00:00:00Z"}""",
            """{"type":"page","messageId":"b-1","anonymousId":"visitor-b","context":{"campaign":{"source":"beta"}},"timestamp":"2026-03-07T00:00:00Z"}""");
        Assert.Equal(["zeta", "beta", "github", "podcast"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));

        // One commit folds both visitors into Wes, and Bo's visit into Ann.
        await IngestAsync(
            """{"type":"alias","messageId":"al-1","userId":"wes","previousId":"visitor-p","timestamp":"2026-03-08T00:00:00Z"}""",
            """{"type":"alias","messageId":"al-2","userId":"wes","previousId":"visitor-g","timestamp":"2026-03-08T00:00:00Z"}""",
            """{"type":"alias","messageId":"al-3","userId":"ann","previousId":"visitor-b","timestamp":"2026-03-08T00:00:00Z"}""");

        // Wes now starts on March 2 with the podcast, not GitHub (first in order, a day later); Ann's tie goes to beta.
        Assert.Equal(["beta", "podcast"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
        var wes = await Store.FindMemberAsync(Workspace, Identity.Parse("user:wes"), Token);
        Assert.Equal(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), wes!.FirstActivity);
        Assert.Equal([1L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "podcast"), Token)).Stages.Select(stage => stage.Developers));
    }

    [Fact]
    public async Task An_import_with_an_earlier_activity_in_another_channel_moves_the_developers_first_touch()
    {
        await IngestAsync(
            """{"type":"page","messageId":"y-1","userId":"yui","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-05T00:00:00Z"}""",
            """{"type":"page","messageId":"z-1","userId":"zed","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-06T00:00:00Z"}""");
        Assert.Equal(["newsletter"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));

        // A later import brings Yui's visit from a podcast two days before the newsletter, and a later one for Zed.
        await IngestAsync(
            """{"type":"page","messageId":"y-0","userId":"yui","context":{"campaign":{"source":"Podcast"}},"timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"page","messageId":"z-2","userId":"zed","context":{"campaign":{"source":"podcast"}},"timestamp":"2026-03-09T00:00:00Z"}""");

        Assert.Equal([1L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "podcast"), Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal([1L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "newsletter"), Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal(["newsletter", "podcast"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
    }

    [Fact]
    public async Task Merging_by_hand_gives_the_survivor_the_earlier_first_touch_and_unmerging_and_erasing_take_it_back()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"a-0","userId":"ada","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-04T00:00:00Z"}""",
            """{"type":"track","messageId":"a-1","userId":"ada","event":"Signed Up","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-04T00:00:00Z"}""",
            """{"type":"page","messageId":"g-1","anonymousId":"gh","context":{"campaign":{"source":"github"}},"timestamp":"2026-03-01T00:00:00Z"}""");
        FunnelFilter Through(string channel) => new(DateRange.All, Channel: channel);

        await Store.MergeMembersAsync(Workspace, Identity.Parse("user:ada"), Identity.Parse("anonymous:gh"), "cli:root", null, Token);
        Assert.Equal([1L, 1, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, Through("github"), Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal(0, (await Store.GetFunnelAsync(Workspace, Through("newsletter"), Token)).Stages[0].Developers);
        Assert.Equal(["github"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));

        await Store.UnmergeIdentityAsync(Workspace, Identity.Parse("anonymous:gh"), "cli:root", null, Token);
        Assert.Equal([1L, 1, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, Through("newsletter"), Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal([1L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, Through("github"), Token)).Stages.Select(stage => stage.Developers));

        await Store.EraseMemberAsync(Workspace, Identity.Parse("anonymous:gh"), "owner@example.com", Token);
        Assert.Equal(["newsletter"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
    }

    [Fact]
    public async Task An_ingest_commit_reads_the_first_touch_of_the_developers_it_wrote_for_and_leaves_the_others_alone()
    {
        await IngestAsync(
            """{"type":"page","messageId":"a-1","userId":"ada","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"page","messageId":"b-1","userId":"bob","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-02T00:00:00Z"}""");
        // Ada's first touch set by hand and marked as not read at her first activity, which a commit that read every
        // such member of the workspace would read again and set back to the newsletter.
        var (store, workspace, _) = await RunBehindStoreAsync(
            Store,
            """
            UPDATE members SET first_touch_channel = 'by hand', first_touch_at = NULL
            WHERE id = (SELECT member_id FROM identities WHERE kind = 'user' AND value = 'ada')
            """);

        await IngestAsync(
            store, workspace,
            """{"type":"page","messageId":"b-0","userId":"bob","context":{"campaign":{"source":"podcast"}},"timestamp":"2026-02-27T00:00:00Z"}""",
            """{"type":"page","messageId":"c-1","userId":"cy","context":{"campaign":{"source":"github"}},"timestamp":"2026-03-03T00:00:00Z"}""");

        // Bob's first activity moved to the podcast and Cy is new; Ada was not written for and keeps the hand-set value.
        Assert.Equal(["by hand", "github", "podcast"], await store.ListFirstTouchChannelsAsync(workspace, Token));
    }

    [Fact]
    public async Task Activities_at_the_same_first_instant_give_the_channel_first_in_ordinal_order_whatever_order_they_arrive_in()
    {
        // Ada: Zeta first, then Alpha at the same instant in a later commit. Bob: both in one commit, Alpha first.
        // Cy: "dev_to" and "dev-to" at one instant; '-' (0x2D) comes before '_' (0x5F) in byte order.
        await IngestAsync(
            """{"type":"page","messageId":"a-1","userId":"ada","context":{"campaign":{"source":"Zeta"}},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"page","messageId":"c-1","userId":"cy","context":{"campaign":{"source":"dev_to"}},"timestamp":"2026-03-01T10:00:00Z"}""");
        await IngestAsync(
            """{"type":"page","messageId":"a-2","userId":"ada","context":{"campaign":{"source":"alpha"}},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"page","messageId":"b-1","userId":"bob","context":{"campaign":{"source":"Alpha"}},"timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"b-2","userId":"bob","context":{"campaign":{"source":"zeta"}},"timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"c-2","userId":"cy","context":{"campaign":{"source":"dev-to"}},"timestamp":"2026-03-01T10:00:00Z"}""");

        Assert.Equal(["alpha", "dev-to"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
        Assert.Equal([2L, 0, 0, 0, 0], (await Store.GetFunnelAsync(Workspace, new FunnelFilter(DateRange.All, Channel: "alpha"), Token)).Stages.Select(stage => stage.Developers));
    }
}

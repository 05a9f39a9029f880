using Rapport.Connectors.Links;
using Rapport.Core.Content;
using Rapport.Core.Icps;
using Rapport.Core.Reach;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task The_content_reach_report_filtered_by_an_ICP_counts_only_its_developers_and_keeps_anonymous_reach_whole()
    {
        const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";
        var post = await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "SDKs in CI", Urls = ["https://blog.example.com/sdks"] }, Token);
        var link = await Store.CreateLinkAsync(Workspace, "https://example.com/signup", post.Id, "dzone", "launch", Token);
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            // Three people click; Ada and Bob come back with their click ids, the third never does.
            await session.AddAsync(
            [
                LinkClicks.ToMessage(link, "adaclick0001", Utc(3, 2, 10), "GET", null, Firefox, null, TrafficClass.None),
                LinkClicks.ToMessage(link, "bobclick0002", Utc(3, 2, 11), "GET", null, Firefox, null, TrafficClass.None),
                LinkClicks.ToMessage(link, "anonclick003", Utc(3, 2, 12), "GET", null, Firefox, null, TrafficClass.None),
            ], Token);
            await session.CommitAsync(Token);
        }

        // Ada (a builder) lands, identifies and signs up two days later; Bob (an SRE) lands and identifies.
        await IngestAsync(
            """{"type":"page","messageId":"p1","userId":"ada","timestamp":"2026-03-02T10:01:00Z","context":{"page":{"url":"https://example.com/signup?rclid=adaclick0001"}}}""",
            """{"type":"identify","messageId":"i1","userId":"ada","timestamp":"2026-03-02T10:02:00Z","traits":{"email":"ada@example.com","role":"builder"}}""",
            """{"type":"track","messageId":"t1","userId":"ada","event":"Signed Up","timestamp":"2026-03-04T10:00:00Z"}""",
            """{"type":"page","messageId":"p2","userId":"bob","timestamp":"2026-03-02T11:01:00Z","context":{"page":{"url":"https://example.com/signup?rclid=bobclick0002"}}}""",
            """{"type":"identify","messageId":"i2","userId":"bob","timestamp":"2026-03-02T11:02:00Z","traits":{"email":"bob@example.com","role":"sre"}}""");
        await Store.SetIcpsAsync(Workspace, IcpSet.Parse(
            """
            {"icps": [{"name": "builders", "rule": {"trait": "role", "equals": "builder"}},
                      {"name": "sres", "rule": {"trait": "role", "equals": "sre"}},
                      {"name": "nobody", "rule": {"trait": "role", "equals": "cfo"}}]}
            """), Token);

        ContentReach Reach(ContentReachFacts facts) => ContentReachReport.Compute(facts, EngagementThresholds.Default).Items().Single(row => row.ContentId == post.Id);
        var everyone = Reach(await Store.GetContentReachFactsAsync(Workspace, Token));
        var builders = Reach(await Store.GetContentReachFactsAsync(Workspace, "builders", Token));
        var sres = Reach(await Store.GetContentReachFactsAsync(Workspace, "sres", Token));
        var nobody = Reach(await Store.GetContentReachFactsAsync(Workspace, "nobody", Token));

        // Click-throughs: 3 human clicks whoever made them. Developers: Ada and Bob. Both progressed (first and last
        // touch): neither had a stage at their click, and their landing page views reached Discover within 30 days.
        Assert.Equal((3L, 2L, 2L, 2L), (everyone.ClickThroughs, everyone.IdentifiedDevelopers, everyone.ProgressedFirstTouch, everyone.ProgressedLastTouch));
        Assert.Equal((3L, 1L, 1L, 1L), (builders.ClickThroughs, builders.IdentifiedDevelopers, builders.ProgressedFirstTouch, builders.ProgressedLastTouch));
        Assert.Equal((3L, 1L, 1L, 1L), (sres.ClickThroughs, sres.IdentifiedDevelopers, sres.ProgressedFirstTouch, sres.ProgressedLastTouch));
        Assert.Equal((3L, 0L, 0L, 0L), (nobody.ClickThroughs, nobody.IdentifiedDevelopers, nobody.ProgressedFirstTouch, nobody.ProgressedLastTouch));
    }
}

using Rapport.Connectors.Beacons;
using Rapport.Core.Content;
using Rapport.Core.Ingest;
using Rapport.Core.Reach;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    [Fact]
    public async Task Pruning_page_views_keeps_every_report_s_totals_deletes_the_raw_views_and_changes_nothing_the_second_time()
    {
        const string Post = "https://blog.example.com/post";
        const string Docs = "https://docs.example.com/quickstart";
        var post = await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "Post", Urls = [Post], Channel = "blog" }, Token);
        var docs = await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.DocsPage, Title = "Docs", Urls = [Docs], Channel = "docs" }, Token);
        static IngestMessage Beacon(string view, int n, string url, double seconds, DateTime at, string userAgent = Chrome) =>
            PageBeacons.ToMessage(new PageBeacon("k", "reader-" + view, view, n, url, null, null, seconds), at, userAgent);
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(
            [
                // Before the cut-off (10 March): engaged over two beacons (10 + 25 s), a short read, a bot, a paid
                // engaged view, an engaged docs view, a page no item has, and an engaged-time beacon without its view.
                Beacon("v1", 0, Post, 10, Utc(3, 2, 9)), Beacon("v1", 1, Post, 25, Utc(3, 2, 9, 5)),
                Beacon("v2", 0, Post, 5, Utc(3, 2, 10)),
                Beacon("v3", 0, Post, 40, Utc(3, 3, 9), Googlebot),
                Beacon("v4", 0, Post + "?utm_medium=cpc", 50, Utc(3, 3, 10)),
                Beacon("v5", 0, Docs, 31, Utc(3, 4, 9)),
                Beacon("v6", 0, "https://other.example.com/unrelated", 90, Utc(3, 4, 10)),
                Beacon("v7", 1, Post, 12, Utc(3, 5, 9)),
                // Began before the cut-off, engaged (30 s in all) after it: the view goes whole.
                Beacon("v9", 0, Post, 0, Utc(3, 9, 23)), Beacon("v9", 1, Post, 30, Utc(3, 10, 1)),
                // After the cut-off: stays raw.
                Beacon("v8", 0, Post, 60, Utc(3, 12, 9)),
            ], Token);
            await session.CommitAsync(Token);
        }

        async Task<(ContentReach Post, ContentReach Docs, IReadOnlyList<ContentReach> Channels, string Funnel, WorkspaceStats Stats)> ReportsAsync()
        {
            var report = ContentReachReport.Compute(await Store.GetContentReachFactsAsync(Workspace, Token), EngagementThresholds.Default);
            var items = report.Items();
            return (items.Single(row => row.ContentId == post.Id), items.Single(row => row.ContentId == docs.Id), report.Channels(),
                System.Text.Json.JsonSerializer.Serialize(await Store.GetFunnelAsync(Workspace, Core.Funnel.FunnelFilter.All, Token)),
                await Store.GetStatsAsync(Workspace, Token));
        }

        static (long, long, long, long, long) Counts(ContentReach row) => (row.Views, row.Human, row.Organic, row.Validated, row.PaidEngaged);

        var before = await ReportsAsync();
        // The post: views v1 v2 v3 v4 v9 v8; human all but the bot; organic v1 v2 v9 v8; validated v1 (35 s) v9 (30 s)
        // v8 (60 s); paid engaged v4. The docs page: v5, engaged at 31 s.
        Assert.Equal((6L, 5L, 4L, 3L, 1L), Counts(before.Post));
        Assert.Equal((1L, 1L, 1L, 1L, 0L), Counts(before.Docs));
        Assert.Equal(11, before.Stats.Activities);

        var pruned = await Store.PrunePageViewsAsync(Workspace, Utc(3, 10), "devrel@example.com", Token);

        // Seven views (v1-v6, v9) into five page-days (post 2, 3 and 9 March, docs and the other page on 4 March);
        // their ten beacons and v7's lone one deleted.
        Assert.Equal(new PageViewPrune(Utc(3, 10), 7, 5, 10), pruned);
        var after = await ReportsAsync();
        Assert.Equal(Counts(before.Post), Counts(after.Post));
        Assert.Equal(Counts(before.Docs), Counts(after.Docs));
        Assert.Equal(before.Channels, after.Channels);
        Assert.Equal(before.Funnel, after.Funnel);
        Assert.Equal(1, after.Stats.Activities);
        var left = (await Store.GetContentReachFactsAsync(Workspace, Token)).Beacons;
        Assert.Equal("v8", Assert.Single(left).ViewId);
        Assert.Equal(
            [
                new PageReachRow(Post, new DateOnly(2026, 3, 2), 2, 2, 2, 1, 1, 0),
                new PageReachRow(Post, new DateOnly(2026, 3, 3), 2, 1, 0, 1, 0, 1),
                new PageReachRow(Post, new DateOnly(2026, 3, 9), 1, 1, 1, 1, 1, 0),
                new PageReachRow(Docs, new DateOnly(2026, 3, 4), 1, 1, 1, 1, 1, 0),
                new PageReachRow("https://other.example.com/unrelated", new DateOnly(2026, 3, 4), 1, 1, 1, 1, 1, 0),
            ],
            (await Store.ListPageViewTotalsAsync(Workspace, Token)).OrderBy(row => row.Url == Post ? 0 : row.Url == Docs ? 1 : 2).ThenBy(row => row.Day));
        var audit = Assert.Single(await Store.ListAuditEntriesAsync(Workspace, 10, Token));
        Assert.Equal(("devrel@example.com", "page_views.pruned", "before 2026-03-10 00:00 UTC"), (audit.Actor, audit.Action, audit.Target));

        var again = await Store.PrunePageViewsAsync(Workspace, Utc(3, 10), "devrel@example.com", Token);

        Assert.Equal(new PageViewPrune(Utc(3, 10), 0, 0, 0), again);
        Assert.Equal(5, (await Store.ListPageViewTotalsAsync(Workspace, Token)).Count);
        Assert.Equal(Counts(before.Post), Counts((await ReportsAsync()).Post));
        Assert.Single(await Store.ListAuditEntriesAsync(Workspace, 10, Token));
    }

    [Fact]
    public async Task A_later_prune_adds_the_rest_of_a_day_to_its_total()
    {
        const string Post = "https://blog.example.com/post";
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(
            [
                PageBeacons.ToMessage(new PageBeacon("k", "r1", "morning", 0, Post, null, null, 45), Utc(3, 2, 9), Chrome),
                PageBeacons.ToMessage(new PageBeacon("k", "r2", "evening", 0, Post, null, null, 5), Utc(3, 2, 20), Chrome),
            ], Token);
            await session.CommitAsync(Token);
        }

        await Store.PrunePageViewsAsync(Workspace, Utc(3, 2, 12), "cli:devrel", Token);
        await Store.PrunePageViewsAsync(Workspace, Utc(3, 3), "cli:devrel", Token);

        Assert.Equal([new PageReachRow(Post, new DateOnly(2026, 3, 2), 2, 2, 2, 1, 1, 0)], await Store.ListPageViewTotalsAsync(Workspace, Token));
    }
}

using Rapport.Connectors.Beacons;
using Rapport.Core.Ingest;
using Rapport.Core.Reach;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task The_tracking_script_s_beacons_add_up_to_one_view_per_view_id_with_its_engaged_seconds()
    {
        const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
        const string Post = "https://blog.example.com/post";
        IngestMessage[] beacons =
        [
            PageBeacons.ToMessage(new PageBeacon("k", "reader-1", "view-1", 0, Post, "https://news.example.com/", "Post", 1.5), Utc(3, 2), Chrome),
            PageBeacons.ToMessage(new PageBeacon("k", "reader-1", "view-1", 1, Post, null, null, 2.25), Utc(3, 2).AddMinutes(4), Chrome),
            PageBeacons.ToMessage(new PageBeacon("k", "reader-2", "view-2", 0, Post, null, "Post", 0.5), Utc(3, 3), Chrome),
            // The page view itself was lost (a closed tab can drop a beacon): an engaged-time beacon alone is no view.
            PageBeacons.ToMessage(new PageBeacon("k", "reader-3", "view-3", 1, Post, null, null, 9), Utc(3, 4), Chrome),
        ];
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(beacons, Token);
            await session.CommitAsync(Token);
        }

        var facts = await Store.GetContentReachFactsAsync(Workspace, Token);

        var views = facts.Beacons.OrderBy(view => view.ViewId, StringComparer.Ordinal).ToList();
        Assert.Equal(2, views.Count);
        Assert.Equal(new BeaconView("view-1", Post, Utc(3, 2), Chrome, "https://news.example.com/", 3.75), views[0]);
        Assert.Equal(new BeaconView("view-2", Post, Utc(3, 3), Chrome, null, 0.5), views[1]);
    }
}

using Rapport.Connectors.Segment;
using Rapport.Connectors.YouTube;
using Rapport.Core.Reach;

namespace Rapport.Connectors.Tests.YouTube;

public sealed class YouTubeStudioCsvTests
{
    private static readonly string Export = Path.Combine(AppContext.BaseDirectory, "TestData", "youtube", "table-data.csv");

    [Fact]
    public void A_video_of_mostly_five_second_ad_views_has_few_engaged_organic_views()
    {
        using var text = File.OpenText(Export);

        var rows = YouTubeStudioCsv.Read(text, "table-data.csv", videoId: null);

        Assert.Equal(4, rows.Count);
        Assert.Equal(40_000, rows.Sum(row => row.Views));
        var ads = Assert.Single(rows, row => row.IsPaid);
        Assert.Equal(("Advertising", 38_500, 192_500), (ads.TrafficSource, ads.Views, ads.WatchSeconds));
        // 192,500 s of ads watched: at most 6,416 ad views lasted 30 s.
        Assert.Equal(6_416, ads.EngagedViewsAtMost(30));
        var organic = rows.Where(row => !row.IsPaid).ToList();
        Assert.Equal(1_500, organic.Sum(row => row.Views));
        // Search (900 views, 117,000 s) and suggested (400, 36,000 s) views all may have lasted 30 s; of the 200
        // external views of 5 s on average (1,000 s), at most 33.
        Assert.Equal(900 + 400 + 33, organic.Sum(row => row.EngagedViewsAtMost(30)));
        Assert.Equal("Build a chat app with Semantic Kernel", rows[0].Title);
    }

    [Fact]
    public void An_export_without_views_or_a_video_is_refused_with_the_reason()
    {
        var noViews = Assert.Throws<ImportLineException>(() => YouTubeStudioCsv.Read(new StringReader("Content,Impressions\nabc,10\n"), "a.csv", null));
        var noVideo = Assert.Throws<ImportLineException>(() => YouTubeStudioCsv.Read(new StringReader("Traffic source,Views,Watch time (hours)\nAdvertising,10,1\n"), "b.csv", null));
        var badNumber = Assert.Throws<ImportLineException>(() => YouTubeStudioCsv.Read(new StringReader("Content,Views,Watch time (hours)\nabc,lots,1\n"), "c.csv", null));

        Assert.Equal("a.csv:1: no Views column; export the table from YouTube Studio's Advanced mode", noViews.Message);
        Assert.Equal("b.csv:1: no Content column naming the video; give the video's id with --video", noVideo.Message);
        Assert.Equal("c.csv:2: Views \"lots\" is not a whole number", badNumber.Message);
        var oneVideo = YouTubeStudioCsv.Read(new StringReader("Traffic source,Views,Average view duration\nAdvertising,10,0:00:05\n"), "d.csv", "v9");
        Assert.Equal([new VideoReachRow("v9", "Advertising", null, 10, 50)], oneVideo);
    }
}

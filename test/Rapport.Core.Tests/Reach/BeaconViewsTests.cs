using Rapport.Core.Content;
using Rapport.Core.Members;
using Rapport.Core.Reach;

namespace Rapport.Core.Tests.Reach;

/// <summary>First-party script views in the reach report: measured engaged time against the item's threshold.</summary>
public sealed class BeaconViewsTests
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    private static readonly DateTime At = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Views_of_an_item_s_page_count_as_raw_human_organic_and_validated_by_measured_engaged_time()
    {
        var post = new ContentItem(1, ContentKind.BlogPost, "Post", ["https://blog.example.com/post/"], "blog", ChannelParty.FirstParty, At,
            [], [], 2, null, null, null, "test", At, At);
        var other = post with { Id = 2, Urls = ["https://blog.example.com/other"] };
        BeaconView[] beacons =
        [
            new("v1", "https://blog.example.com/post?utm_source=newsletter", At, Chrome, null, 45),
            new("v2", "https://blog.example.com/post", At, Chrome, null, 12),
            new("v3", "https://blog.example.com/post?utm_medium=cpc", At, Chrome, null, 90),
            new("v4", "https://blog.example.com/post", At, "Googlebot/2.1 (+http://www.google.com/bot.html)", null, 60),
            new("v5", "https://blog.example.com/elsewhere", At, Chrome, null, 60),
        ];
        var facts = new ContentReachFacts([post, other], [], [], [], [], [], new HashSet<long>(), new Dictionary<long, MemberProgress>())
        {
            Beacons = beacons,
        };

        var report = ContentReachReport.Compute(facts, EngagementThresholds.Default).Items();

        var row = report.Single(item => item.ContentId == 1);
        // 4 views; the bot is not human; the cpc one is paid; of the rest, 45 s is engaged and 12 s is not.
        Assert.Equal((4L, 3L, 2L, 1L, 1L), (row.Views, row.Human, row.Organic, row.Validated, row.PaidEngaged));
        Assert.Equal(0.5, row.ValidatedPerEffortHour);
        Assert.Equal(0, report.Single(item => item.ContentId == 2).Views);
        Assert.Equal(2, ContentReachReport.Compute(facts, EngagementThresholds.Uniform(10)).Items().Single(item => item.ContentId == 1).Validated);
    }
}

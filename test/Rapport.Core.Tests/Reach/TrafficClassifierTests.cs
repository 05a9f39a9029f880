using Rapport.Core.Reach;

namespace Rapport.Core.Tests.Reach;

public sealed class TrafficClassifierTests
{
    private const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static TrafficClass Classify(TrafficSignal signal) => TrafficClassifier.Classify(signal, EngagementThresholds.DefaultSeconds);

    [Fact]
    public void A_person_reading_for_30_seconds_from_an_organic_link_is_validated()
    {
        var traffic = Classify(new TrafficSignal(Firefox, "GET", "https://example.com/post?utm_source=devto&utm_medium=referral", EngagedSeconds: 30));

        Assert.Equal(TrafficClass.Engaged, traffic);
        Assert.True(traffic.IsHuman());
        Assert.True(traffic.IsOrganic());
        Assert.True(traffic.IsValidated());
        Assert.False(traffic.IsPaidEngaged());
    }

    [Fact]
    public void A_bounce_is_human_and_organic_but_not_validated()
    {
        var traffic = Classify(new TrafficSignal(Firefox, EngagedSeconds: 29.9));

        Assert.Equal(TrafficClass.None, traffic);
        Assert.False(traffic.IsValidated());
        Assert.Equal(TrafficClass.None, Classify(new TrafficSignal(Firefox)));
    }

    [Theory]
    [InlineData("https://example.com/p?utm_medium=cpc")]
    [InlineData("https://example.com/p?utm_source=linkedin&utm_medium=Paid-Social")]
    [InlineData("https://example.com/p?utm_medium=paid%5Fsocial")]
    [InlineData("https://example.com/p?x=1&gclid=EAIaIQ")]
    [InlineData("https://example.com/p?fbclid=IwAR3")]
    [InlineData("https://example.com/p?msclkid=abc")]
    [InlineData("https://example.com/p?li_fat_id=abc")]
    [InlineData("https://example.com/p?twclid=abc")]
    [InlineData("https://example.com/p?ttclid=abc")]
    public void Paid_mediums_and_ad_click_ids_are_paid(string url)
    {
        var traffic = Classify(new TrafficSignal(Firefox, "GET", url, EngagedSeconds: 120));

        Assert.Equal(TrafficClass.Paid | TrafficClass.Engaged, traffic);
        Assert.False(traffic.IsValidated());
        Assert.True(traffic.IsPaidEngaged());
    }

    [Theory]
    [InlineData("https://example.com/p?utm_medium=email")]
    [InlineData("https://example.com/p?gclid=")]
    [InlineData("https://example.com/p#utm_medium=cpc")]
    [InlineData("https://example.com/cpc?medium=cpc")]
    public void Other_queries_are_organic(string url) => Assert.Equal(TrafficClass.None, Classify(new TrafficSignal(Firefox, "GET", url)));

    [Fact]
    public void YouTube_advertising_a_paid_referrer_and_an_explicit_medium_are_paid()
    {
        Assert.Equal(TrafficClass.Paid, Classify(new TrafficSignal(Firefox, TrafficSource: "Advertising", EngagedSeconds: 5)));
        Assert.Equal(TrafficClass.Paid, Classify(new TrafficSignal(Firefox, Referrer: "https://www.google.com/url?gclid=x")));
        Assert.Equal(TrafficClass.Paid, Classify(new TrafficSignal(Firefox, UtmMedium: "display")));
        Assert.Equal(TrafficClass.None, Classify(new TrafficSignal(Firefox, TrafficSource: "YouTube search")));
    }

    [Fact]
    public void HEAD_requests_bursts_and_crawlers_are_bots_however_long_they_stay()
    {
        Assert.Equal(TrafficClass.Bot | TrafficClass.Engaged, Classify(new TrafficSignal(Firefox, "HEAD", EngagedSeconds: 60)));
        Assert.Equal(TrafficClass.Bot, Classify(new TrafficSignal(Firefox, "GET", Burst: true)));
        var crawler = Classify(new TrafficSignal("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", EngagedSeconds: 60));
        Assert.False(crawler.IsHuman());
        Assert.False(crawler.IsValidated());
    }

    [Fact]
    public void A_threshold_per_kind_overrides_the_default()
    {
        var thresholds = new EngagementThresholds { ByKind = new Dictionary<Content.ContentKind, double> { [Content.ContentKind.Video] = 60 } };

        Assert.Equal(60, thresholds.For(Content.ContentKind.Video));
        Assert.Equal(30, thresholds.For(Content.ContentKind.BlogPost));
        Assert.Equal(30, thresholds.For(null));
        Assert.Throws<FormatException>(() => EngagementThresholds.Uniform(0));
    }
}

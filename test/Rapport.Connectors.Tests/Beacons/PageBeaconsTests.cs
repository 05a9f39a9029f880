using System.Text;
using System.Text.Json;
using Rapport.Connectors.Beacons;
using Rapport.Core.Ingest;

namespace Rapport.Connectors.Tests.Beacons;

public sealed class PageBeaconsTests
{
    private static readonly DateTime ReceivedAt = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_view_s_first_beacon_is_a_page_view_of_the_anonymous_reader_with_its_engaged_seconds()
    {
        var beacon = PageBeacons.Parse(Encoding.UTF8.GetBytes(
            """{"k":"rpk_abc","a":"reader-1","v":"view-1","n":0,"u":"https://blog.example.com/post?utm_source=x","r":"https://news.example.com/","t":"A post","e":42.37}"""));
        var message = PageBeacons.ToMessage(beacon, ReceivedAt, "Mozilla/5.0");

        Assert.Equal((MessageKind.Page, "page", "anonymous:reader-1", "tjs:view-1:0", "t.js"),
            (message.Kind, message.ActivityType, message.Primary.ToString(), message.MessageId, message.Source));
        Assert.Equal(("https://blog.example.com/post?utm_source=x", "https://news.example.com/", "A post", "Mozilla/5.0", null),
            (message.Context.Url, message.Context.Referrer, message.Context.Title, message.Context.UserAgent, message.Context.Ip));
        using var properties = JsonDocument.Parse(message.PropertiesJson!);
        Assert.Equal(("view-1", 42.4), (properties.RootElement.GetProperty("viewId").GetString(), properties.RootElement.GetProperty("engagedSeconds").GetDouble()));
        Assert.Equal(ReceivedAt, message.Timestamp);
    }

    [Fact]
    public void A_later_beacon_of_the_same_view_is_engaged_time_not_another_view()
    {
        var beacon = PageBeacons.Parse(Encoding.UTF8.GetBytes("""{"k":"rpk_abc","a":"reader-1","v":"view-1","n":2,"u":"https://blog.example.com/post","e":12}"""));
        var message = PageBeacons.ToMessage(beacon, ReceivedAt, null);

        Assert.Equal((MessageKind.Track, PageBeacons.EngagedActivityType, "tjs:view-1:2"), (message.Kind, message.ActivityType, message.MessageId));
    }

    [Theory]
    [InlineData("""{"k":"rpk_site","a":"r1","v":"v1","n":0,"u":"javascript:alert(1)","e":1}""", "rpk_site")]
    [InlineData("""{"a":"r1","nested":{"k":"rpk_inner"},"k":"rpk_outer"}""", "rpk_outer")]
    [InlineData("""{"a":"r1","v":"v1"}""", null)]
    [InlineData("""{"k":42}""", null)]
    [InlineData("""["k","rpk_site"]""", null)]
    [InlineData("""{"k":"rpk_site" """, "rpk_site")]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_site_key_is_read_before_the_beacon_is_checked(string body, string? key) =>
        Assert.Equal(key, PageBeacons.KeyOf(Encoding.UTF8.GetBytes(body)));

    [Theory]
    [InlineData("""[1]""", "the beacon is not a JSON object")]
    [InlineData("""{"k":"rpk_abc","a":"r","v":"v","n":0,"e":1}""", "u is missing")]
    [InlineData("""{"k":"rpk_abc","a":"r","v":"v","n":0,"u":"file:///etc/passwd","e":1}""", "u (the page's address) must be an http or https URL")]
    [InlineData("""{"k":"rpk_abc","a":"r","v":"v","n":-1,"u":"https://a.example/","e":1}""", "n (the beacon's number) must be a whole number from 0 to 1000")]
    [InlineData("""{"k":"rpk_abc","a":"r","v":"v","n":0,"u":"https://a.example/","e":100000}""", "e (engaged seconds) must be a number from 0 to 86400")]
    [InlineData("""{"k":"rpk_abc","a":"","v":"v","n":0,"u":"https://a.example/","e":1}""", "a is empty")]
    [InlineData("""{"k":"rpk_abc","a":7,"v":"v","n":0,"u":"https://a.example/","e":1}""", "a must be a string")]
    [InlineData("not json", "the beacon is not JSON")]
    public void A_malformed_beacon_is_refused_with_the_field(string body, string reason)
    {
        var error = Assert.Throws<PageBeaconFormatException>(() => PageBeacons.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.StartsWith(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_beacon_over_8_KB_is_refused()
    {
        var body = $$"""{"k":"rpk_abc","a":"r","v":"v","n":0,"u":"https://a.example/","t":"{{new string('x', 9000)}}","e":1}""";
        var error = Assert.Throws<PageBeaconFormatException>(() => PageBeacons.Parse(Encoding.UTF8.GetBytes(body)));
        Assert.Equal("a beacon is at most 8192 bytes", error.Message);
    }
}

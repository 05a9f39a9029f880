namespace Rapport.Tests.Dashboard;

public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task The_journey_filtered_by_first_touch_channel_equals_the_API_filtered_by_the_same_channel()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        using var http = server.Http();
        browser.Open("/journey");
        var allTime = PageFunnel(browser);

        // The demo's most frequent first touch comes first in the list.
        var option = browser.Find("#channel-filter option:nth-child(2)");
        var channel = option.GetAttribute("value")!;
        option.Click();
        browser.Submit(browser.Find("form.filters button[type=submit]"));

        var filtered = await ApiFunnelAsync(http, $"?channel={Uri.EscapeDataString(channel)}");
        Assert.Equal(filtered, PageFunnel(browser));
        Assert.True(filtered[0] > 0 && filtered[0] < allTime[0], $"{channel} brought some of the developers: {filtered[0]} of {allTime[0]}");
        Assert.Contains($"first touch {channel}", browser.Find(".card-head .muted").Text, StringComparison.Ordinal);
        Assert.Equal("true", browser.Find("#channel-filter option:nth-child(2)").GetAttribute("selected"));
    }

    [Fact]
    public void A_stopped_here_link_takes_the_journeys_filters_to_the_developers_list()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/journey");
        var channel = browser.Find("#channel-filter option:nth-child(2)").GetAttribute("value")!;
        var (from, to) = (DateTime.UtcNow.AddDays(-300).ToString("yyyy-MM-dd"), DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd"));
        browser.Open("/developers?stage=build");
        var everyBuilder = browser.FindAll("#developers a[data-member]").Count;

        browser.Open($"/journey?from={from}&to={to}&icp=builders&channel={Uri.EscapeDataString(channel)}");
        var link = browser.Find("tr[data-stage=build] td:last-child a");
        var stopped = int.Parse(link.Text, System.Globalization.CultureInfo.InvariantCulture);
        link.Click();

        // The builders who came first through the channel in those months and got no further than Build: fewer than all
        // who stopped at Build, and every one of them on the list.
        Assert.Equal("/developers", browser.Path);
        Assert.Contains($"firstFrom={from}&firstTo={to}&icp=builders&channel={Uri.EscapeDataString(channel)}", browser.Driver.Url, StringComparison.Ordinal);
        Assert.Equal($"First seen {from} to {to}, first touch {channel}, as in the journey funnel.", browser.Find("#journey-filter").Text);
        Assert.Equal("builders", browser.Find("#icp-filter").GetAttribute("value"));
        Assert.True(stopped > 0 && stopped < everyBuilder, $"{stopped} of {everyBuilder} builders stopped at Build through {channel}");
        Assert.Equal(stopped, browser.FindAll("#developers a[data-member]").Count);
    }
}

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
}

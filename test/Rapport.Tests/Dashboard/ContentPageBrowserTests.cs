using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>The Content page in a real headless Chromium: the catalog as the API lists it, filters and reuse trees.</summary>
public sealed class ContentPageBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_content_page_lists_what_the_API_lists_and_filters_by_channel()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        using var http = server.Http();
        using var api = JsonDocument.Parse(await http.GetStringAsync("/api/v1/content", Cancellation));

        browser.Open("/content");
        var rows = browser.FindAll("#content tbody tr");
        Assert.Equal(api.RootElement.GetProperty("items").GetArrayLength(), rows.Count);
        // The demo's seven docs pages, then the four added after them, newest first.
        Assert.Equal("11 items", browser.Find(".card-head h2").Text);
        Assert.Equal(server.ContentIds.Reverse(), rows.Take(4).Select(row => row.GetAttribute("data-content")));
        Assert.Equal("<script>alert(3)</script> SDKs at NDC", rows[0].FindElement(By.CssSelector("td a")).Text);

        browser.Driver.ExecuteScript("document.querySelector('select[name=channel]').value = 'dzone';");
        browser.Submit(browser.Find("form.filters button[type=submit]"));
        var dzone = Assert.Single(browser.FindAll("#content tbody tr"));
        Assert.Contains($"#{server.ContentIds[1]} syndication", dzone.Text, StringComparison.Ordinal);

        using var signedIn = server.Http(browser.SessionCookie);
        var csv = await signedIn.GetStringAsync("/content?handler=csv&channel=dzone", Cancellation);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,kind,title,url,channel,party,published,tags,authors,effort_hours,parent_id,reuse,views,validated,click_throughs,identified_developers", lines[0]);
        Assert.Equal($"{server.ContentIds[2]},blog_post,Generate SDKs in CI,https://dzone.com/articles/sdks-in-ci,dzone,third_party,2026-09-12T00:00:00Z,,,,{server.ContentIds[1]},syndication,0,0,0,0", lines[1]);
    }

    [Fact]
    public void An_item_shows_the_whole_reuse_tree_it_belongs_to()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open($"/content/{server.ContentIds[2]}");

        Assert.Equal("Generate SDKs in CI", browser.Find("#content-title").Text);
        var tree = browser.FindAll("#reuse-tree li").Select(item => item.GetAttribute("data-content")).ToList();
        Assert.Equal(server.ContentIds, tree);
        Assert.Equal("Generate SDKs in CI", browser.Find($"#reuse-tree li[data-content='{server.ContentIds[2]}'] strong").Text);

        browser.Open($"/content/{server.ContentIds[0]}");
        Assert.Contains("12 hours", browser.Find("#facts").Text, StringComparison.Ordinal);
        Assert.Equal("SDK sample repository", browser.Find($"#reuse-tree li[data-content='{server.ContentIds[0]}'] strong").Text);
    }

    [Fact]
    public async Task An_unknown_item_is_a_404()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        using var signedIn = server.Http(browser.SessionCookie);

        var response = await signedIn.GetAsync("/content/999", Cancellation);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}

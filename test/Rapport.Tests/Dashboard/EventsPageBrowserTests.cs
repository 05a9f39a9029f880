using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>The Events page and the funnel by ICP in a real headless Chromium, against the API and the command line.</summary>
public sealed class EventsPageBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_editor_imports_attendees_on_the_event_page_and_the_events_page_shows_what_the_API_reports()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
        var csv = Path.Combine(server.Directory, "ndc-attendees.csv");
        // Ada and Donald are known developers (by these addresses); Grace is new; the last row has no address.
        await File.WriteAllTextAsync(csv, """
            Email,Name,Company,Checked In
            ada@analytical.io,Ada Lovelace,"Analytical Engines, Ltd",yes
            knuth@stanford.example,Donald Knuth,Stanford,no
            grace@navy.example,Grace Hopper,US Navy,2026-11-20T10:00:00Z
            ,Nobody,,yes
            """, Cancellation);

        browser.Open($"/events/{server.NdcEventId}");
        Assert.Equal("NDC Oslo", browser.Find("#event-name").Text);
        browser.Find("#attendees-file").SendKeys(csv);
        browser.Submit(browser.Find("#import-attendees"));

        var result = browser.Find("#import-result").Text;
        Assert.StartsWith("ndc-attendees.csv: 4 rows, 3 registered, 2 checked in, 5 activities stored, 0 already there, 1 rejected", result, StringComparison.Ordinal);
        Assert.Contains("ndc-attendees.csv:5: the email is empty: the attendee cannot be matched to a developer", result, StringComparison.Ordinal);
        Assert.Equal("2", browser.Find("#return [data-attended]").Text);
        Assert.Equal("3", browser.Find("#return [data-registered]").Text);
        // The audience is "go": the sample and the post are tagged so, equally well; the newer first.
        Assert.Equal([server.ContentIds[1], server.ContentIds[0]], browser.FindAll("#fitting-content tbody tr").Select(row => row.GetAttribute("data-content")));

        using var http = server.Http(browser.SessionCookie);
        using var api = JsonDocument.Parse(await http.GetStringAsync("/api/v1/reports/events", Cancellation));
        browser.Open("/events");
        var rows = browser.FindAll("#events tbody tr");
        var events = api.RootElement.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(events.Select(row => row.GetProperty("eventId").GetInt64().ToString()), rows.Select(row => row.GetAttribute("data-event")));
        foreach (var (row, expected) in rows.Zip(events))
        {
            Assert.Equal(expected.GetProperty("reach").GetInt64().ToString("N0"), Cell(row, "reach"));
            Assert.Equal(expected.GetProperty("registered").GetInt64().ToString("N0"), Cell(row, "registered"));
            Assert.Equal(expected.GetProperty("attended").GetInt64().ToString("N0"), Cell(row, "attended"));
            Assert.Equal(expected.GetProperty("identified").GetInt64().ToString("N0"), Cell(row, "identified"));
            Assert.Equal(expected.GetProperty("activeWithin30Days").GetInt64().ToString("N0"), Cell(row, "active"));
        }

        var ndc = events.Single(row => row.GetProperty("eventId").GetInt64().ToString() == server.NdcEventId);
        Assert.Equal((3, 2), (ndc.GetProperty("registered").GetInt64(), ndc.GetProperty("attended").GetInt64()));
        // 9,500 EUR over 2 attendees.
        Assert.Equal(4750m, ndc.GetProperty("costs")[0].GetProperty("perAttendee").GetDecimal());
        Assert.StartsWith("4,750.00 / ", Cell(rows.Single(row => row.GetAttribute("data-event") == server.NdcEventId), "costs"), StringComparison.Ordinal);
        var online = browser.Find("#formats tr[data-format='online']");
        // 350 reached in 6 hours, at this webinar and at the demo's.
        Assert.Equal("58.33", online.FindElement(By.CssSelector("[data-reach-per-hour]")).Text);
    }

    [Fact]
    public void The_journey_page_filtered_by_an_ICP_shows_the_funnel_the_command_line_printed()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        using var cli = JsonDocument.Parse(server.BuildersFunnelJson);

        browser.Open("/journey");
        browser.Driver.ExecuteScript("document.querySelector('#icp-filter').value = 'builders';");
        browser.Submit(browser.Find("form.filters button[type=submit]"));

        Assert.Contains("icp=builders", browser.Driver.Url, StringComparison.Ordinal);
        var shown = browser.FindAll("#funnel-table tbody tr").Select(row => row.FindElement(By.CssSelector("[data-developers]")).Text).ToList();
        var expected = cli.RootElement.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("developers").GetInt64().ToString("N0")).ToList();
        Assert.Equal(expected, shown);
        // Calling the API is Build: every builder is at Build, and the funnel is not empty.
        Assert.NotEqual("0", shown[0]);
        Assert.Equal(shown[0], shown[3]);
    }

    private static string Cell(IWebElement row, string name) => row.FindElement(By.CssSelector($"[data-{name}]")).Text;
}

using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>The Feedback and Pulse pages in a real headless Chromium against a real <c>rapport serve</c>, checked against the API.</summary>
public sealed class FeedbackAndPulseBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_editor_s_feedback_status_change_persists_and_a_viewer_can_change_nothing()
    {
        var id = server.SdkFeedbackId.ToString(CultureInfo.InvariantCulture);
        using (var editor = BrowserSession.Start(server.Address))
        {
            editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
            editor.Open("/feedback?area=go-sdk");

            // Ranked as the API ranks them: Ada (build) and Donald (build) score 3 + 3; a company without a developer 2.
            var rows = editor.FindAll("#feedback tbody tr");
            Assert.Equal([id, (server.SdkFeedbackId + 1).ToString(CultureInfo.InvariantCulture)], rows.Select(row => row.GetAttribute("data-feedback")));
            Assert.Equal(["2 6", "0 2"], rows.Select(row =>
                row.FindElement(By.CssSelector("td[data-developers]")).Text + " " + row.FindElement(By.CssSelector("td[data-score]")).Text));
            Assert.Equal("Docs search misses <script>alert(4)</script>", rows[1].FindElement(By.CssSelector("a[data-feedback-title]")).Text);

            rows[0].FindElement(By.CssSelector("select[name=newStatus] option[value=planned]")).Click();
            editor.Submit(rows[0].FindElement(By.CssSelector("button[type=submit]")));
            Assert.Equal($"#{id} is now planned.", editor.Find(".alert.success").Text);

            editor.Open("/feedback?status=planned&area=go-sdk");
            Assert.Equal([id], editor.FindAll("#feedback tbody tr").Select(row => row.GetAttribute("data-feedback")));
            using var http = server.Http(editor.SessionCookie);
            using var item = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/feedback/{id}", Cancellation));
            Assert.Equal("planned", item.RootElement.GetProperty("status").GetString());

            // The detail page names the developers who asked, each linked to their page.
            editor.Open($"/feedback/{id}");
            Assert.Equal("Retry on HTTP 429 in the Go SDK", editor.Find("#feedback-title").Text);
            Assert.Equal("planned", editor.Find("#feedback-status").Text);
            Assert.Equal(["Ada Lovelace raised", "Donald Knuth upvoted"],
                editor.FindAll("#voters tbody tr").Select(row =>
                    row.FindElement(By.CssSelector("td a")).Text + " " + row.FindElements(By.CssSelector("td"))[3].Text));
        }

        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open("/feedback?area=go-sdk");
        Assert.Equal(2, viewer.FindAll("#feedback tbody tr").Count);
        Assert.Empty(viewer.FindAll("select[name=newStatus]"));
        Assert.Empty(viewer.FindAll("#suggestions form"));
        Assert.Equal("planned", viewer.Find($"#feedback tr[data-feedback='{id}'] [data-status]").Text);
        viewer.Open($"/feedback/{id}");
        Assert.Empty(viewer.FindAll("#status-form"));

        // A viewer who forges the form (with a valid anti-forgery token of their own) is refused and nothing is written.
        var status = viewer.Driver.ExecuteAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const token = document.querySelector('input[name=__csrf]').value;
            fetch('/feedback?handler=Status', { method: 'POST', redirect: 'manual',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: '__csrf=' + encodeURIComponent(token) + '&feedbackId=' + arguments[0] + '&newStatus=declined' })
              .then(r => done(r.type === 'opaqueredirect' ? 'redirect' : String(r.status)));
            """, id);
        Assert.Equal("redirect", status);
        using var viewerHttp = server.Http();
        using var kept = JsonDocument.Parse(await viewerHttp.GetStringAsync($"/api/v1/feedback/{id}", Cancellation));
        Assert.Equal("planned", kept.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_feedback_page_ranks_like_the_API_and_its_csv_has_every_item_it_lists()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/feedback");
        var shown = browser.FindAll("#feedback tbody tr").Select(row => row.GetAttribute("data-feedback")!).ToList();

        using var http = server.Http(browser.SessionCookie);
        using var api = JsonDocument.Parse(await http.GetStringAsync("/api/v1/feedback", Cancellation));
        var ranked = api.RootElement.GetProperty("items").EnumerateArray().SelectMany(group => group.GetProperty("items").EnumerateArray())
            .OrderByDescending(item => item.GetProperty("score").GetDouble()).ThenByDescending(item => item.GetProperty("developers").GetInt32())
            .ThenBy(item => item.GetProperty("id").GetInt64())
            .Select(item => item.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ranked, shown);
        Assert.True(shown.Count >= 7, $"the demo's five items and the test's two: {shown.Count}");

        var csv = (await http.GetStringAsync("/feedback?handler=csv", Cancellation)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,id,title,kind,area,status,developers,raised,upvoted,organizations,score,tracker_url,created_at", csv[0]);
        Assert.Equal(ranked, csv[1..].Select(line => line.Split(',')[1]));
        var docs = Assert.Single(csv, line => line.Contains(",Docs search misses", StringComparison.Ordinal));
        Assert.Contains(",Docs search misses <script>alert(4)</script>,docs,go-sdk,new,0,0,0,Acme,2,,", docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pulse_page_shows_the_weeks_the_API_computes_as_of_the_same_day()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        var today = DateTime.UtcNow.Date;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        browser.Open($"/pulse?asOf={day}");

        using var http = server.Http();
        var endOfDay = today.AddDays(1).AddTicks(-1).ToString("O", CultureInfo.InvariantCulture);
        using var api = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/community/pulse?asOf={Uri.EscapeDataString(endOfDay)}", Cancellation));
        var expected = api.RootElement.GetProperty("weeks").EnumerateArray().Select(week => string.Join(' ',
            week.GetProperty("weekStart").GetString(), week.GetProperty("newMembers").GetInt32(), week.GetProperty("activeMembers").GetInt32(),
            week.GetProperty("heroesActive").GetInt32(), week.GetProperty("questionsAsked").GetInt32(), week.GetProperty("teamActivities").GetInt32())).ToList();
        var shown = browser.FindAll("#pulse tbody tr").Select(row => string.Join(' ',
            row.GetAttribute("data-week"), row.FindElement(By.CssSelector("[data-new]")).Text, row.FindElement(By.CssSelector("[data-active]")).Text,
            row.FindElement(By.CssSelector("[data-heroes]")).Text, row.FindElement(By.CssSelector("[data-questions]")).Text,
            row.FindElement(By.CssSelector("[data-team]")).Text)).ToList();

        Assert.Equal(expected, shown);
        Assert.Equal(12, shown.Count);
        Assert.True(api.RootElement.GetProperty("weeks").EnumerateArray().Sum(week => week.GetProperty("activeMembers").GetInt32()) > 0, "the demo's developers were active");

        // Five charts, each titled, every point telling its value on hover.
        var charts = browser.FindAll("svg.chart.line");
        Assert.Equal(5, charts.Count);
        Assert.Equal("New members, active members and heroes active per week", charts[0].GetAttribute("aria-label"));
        Assert.Equal(3 * 12, charts[0].FindElements(By.CssSelector("circle title")).Count);

        using var signedIn = server.Http(browser.SessionCookie);
        var csv = (await signedIn.GetStringAsync($"/pulse?handler=csv&asOf={day}", Cancellation))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, csv.Length);
        Assert.StartsWith(expected[^1].Split(' ')[0] + "," + expected[^1].Split(' ')[1] + ",", csv[^1], StringComparison.Ordinal);
    }
}

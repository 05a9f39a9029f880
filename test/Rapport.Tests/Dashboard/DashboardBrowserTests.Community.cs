using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

public sealed partial class DashboardBrowserTests
{
    [Fact]
    public void The_level_counts_on_the_community_page_equal_rapport_report_levels()
    {
        using var report = JsonDocument.Parse(server.LevelsJson);
        var current = report.RootElement.GetProperty("current");
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);

        browser.Open("/community");

        long Shown(string level) => long.Parse(browser.Find($"[data-level={level}]").Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(
            (current.GetProperty("passive").GetInt64(), current.GetProperty("active").GetInt64(), current.GetProperty("hero").GetInt64()),
            (Shown("passive"), Shown("active"), Shown("hero")));
        Assert.True(current.GetProperty("passive").GetInt64() > 100, $"the demo's developers have levels: {server.LevelsJson[..200]}");
        var months = report.RootElement.GetProperty("months").EnumerateArray().Reverse().ToList();
        var rows = browser.FindAll("#level-months tbody tr").Select(row => row.FindElements(By.TagName("td")).Select(cell => cell.Text).ToList()).ToList();
        Assert.Equal(12, rows.Count);
        Assert.Equal(
            months.Select(m => $"{m.GetProperty("month").GetString()} {m.GetProperty("passive").GetInt64():N0} {m.GetProperty("active").GetInt64():N0} {m.GetProperty("hero").GetInt64():N0}"),
            rows.Select(cells => $"{cells[0]} {cells[1]} {cells[2]} {cells[3]}"));
    }

    [Fact]
    public async Task The_overview_shows_the_community_levels_and_the_open_outreach_tasks_the_API_reports()
    {
        using var report = JsonDocument.Parse(server.LevelsJson);
        var current = report.RootElement.GetProperty("current");
        using var http = server.Http();
        using var open = await http.GetAsync("/api/v1/outreach?status=open&limit=1", TestContext.Current.CancellationToken);
        var openTasks = long.Parse(open.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);

        browser.Open("/");

        long Shown(string stat) => long.Parse(browser.Find($"[data-stat={stat}]").Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(
            (current.GetProperty("hero").GetInt64(), current.GetProperty("active").GetInt64(), current.GetProperty("passive").GetInt64(), openTasks),
            (Shown("heroes"), Shown("active"), Shown("passive"), Shown("outreach-waiting")));
        Assert.True(openTasks > 0, "the demo leaves developers waiting for outreach");

        // The heroes, one click away: the developers list filtered by level.
        browser.Open("/developers?level=hero");
        Assert.Equal(Math.Min(current.GetProperty("hero").GetInt64(), 50), browser.FindAll("#developers tbody tr").Count);
        browser.Open("/");
        browser.Find("a[href='/outreach?status=open']").Click();
        Assert.Equal("/outreach", browser.Path);
    }

    [Fact]
    public async Task An_editor_s_change_to_an_outreach_task_persists_and_a_viewer_cannot_change_it()
    {
        var id = await EveTaskAsync();
        var queue = $"/outreach?status=open&reason=stalled&member={(await ProfilePathAsync("user:eve")).Split('/')[^1]}";
        using (var editor = BrowserSession.Start(server.Address))
        {
            editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
            editor.Open(queue);
            var task = editor.Find($"[data-task='{id}']");
            Assert.StartsWith("Hey Eve, I saw you were using", task.FindElement(By.CssSelector(".message")).Text, StringComparison.Ordinal);
            var assignee = task.FindElement(By.CssSelector("input[name=assignee]"));
            assignee.Clear();
            assignee.SendKeys("editor@example.com");
            editor.Submit(task.FindElement(By.CssSelector("button[value=assign]")));
            task = editor.Find($"[data-task='{id}']");
            task.FindElement(By.CssSelector("input[name=note]")).SendKeys("Wrote to her on Discord");
            editor.Submit(task.FindElement(By.CssSelector("button[value=note]")));

            editor.Open(queue);
            task = editor.Find($"[data-task='{id}']");
            Assert.Equal("assigned to editor@example.com", task.FindElement(By.CssSelector("[data-assignee]")).Text);
            Assert.StartsWith("Wrote to her on Discord", task.FindElement(By.CssSelector("[data-note]")).Text, StringComparison.Ordinal);
        }

        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open(queue);
        Assert.Empty(viewer.FindAll($"[data-task='{id}'] form"));
        Assert.Contains("Hey Eve", viewer.Find($"#message-{id}").Text, StringComparison.Ordinal);

        // A viewer who forges the form (with a valid anti-forgery token of their own) is refused and nothing changes.
        var status = viewer.Driver.ExecuteAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const token = document.querySelector('input[name=__csrf]').value;
            fetch('/outreach?handler=Update', { method: 'POST', redirect: 'manual',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: '__csrf=' + encodeURIComponent(token) + '&id=' + arguments[0] + '&change=dismiss' })
              .then(r => done(r.type === 'opaqueredirect' ? 'redirect' : String(r.status)));
            """, id);
        Assert.Equal("redirect", status);
        using var http = server.Http();
        using var after = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/outreach/{id}", Cancellation));
        Assert.Equal("open", after.RootElement.GetProperty("status").GetString());
        Assert.Equal("editor@example.com", after.RootElement.GetProperty("assignee").GetString());
    }

    [Fact]
    public async Task A_developer_s_page_shows_their_level_and_what_earned_it()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open(await ProfilePathAsync("user:eve"));

        Assert.Equal("passive", browser.Find("#community-level [data-level]").Text);
        Assert.Equal(["Tutorial Started"], browser.FindAll("#contributions tbody tr td:first-child").Select(cell => cell.Text));
        Assert.Contains("stalled at learn", browser.Find("#community-level").Text, StringComparison.Ordinal);
    }

    private async Task<long> EveTaskAsync()
    {
        using var http = server.Http();
        using var tasks = JsonDocument.Parse(await http.GetStringAsync("/api/v1/outreach?reason=stalled&limit=500", Cancellation));
        return tasks.RootElement.GetProperty("items").EnumerateArray()
            .Single(task => task.GetProperty("identities").EnumerateArray().Any(identity => identity.GetString() == "user:eve"))
            .GetProperty("id").GetInt64();
    }
}

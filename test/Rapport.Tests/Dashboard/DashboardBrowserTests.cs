using System.Globalization;
using System.Net;
using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>The dashboard as a DevRel team uses it, in a real headless Chromium against a real <c>rapport serve</c>.</summary>
public sealed partial class DashboardBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Signing_in_with_a_password_opens_the_overview_and_a_wrong_password_does_not()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.Open("/journey");
        Assert.Equal("/signin", browser.Path);

        browser.Find("input[name=email]").SendKeys(DashboardServer.EditorEmail);
        browser.Find("input[name=password]").SendKeys("not the password");
        browser.Submit(browser.Find("form button[type=submit]"));
        Assert.Equal("That email and password do not match an account.", browser.Find(".alert.error").Text);

        browser.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
        Assert.Equal("Overview", browser.Find("h1").Text);
        Assert.Equal("editor@example.com · editor", browser.Find(".sidebar-foot span").Text);
        Assert.Empty(browser.FindAll("a[href='/settings']"));
    }

    [Fact]
    public async Task The_journey_funnel_on_the_page_equals_the_API_for_all_time_and_for_a_date_range()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        using var http = server.Http();

        browser.Open("/journey");
        var allTime = await ApiFunnelAsync(http, "");
        Assert.Equal(allTime, PageFunnel(browser));
        Assert.True(allTime[0] >= 300, $"the demo's developers are in the funnel: {allTime[0]}");

        var today = DateTime.UtcNow.Date;
        var from = today.AddDays(-120).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        browser.Driver.ExecuteScript(
            "document.querySelector('input[name=from]').value = arguments[0]; document.querySelector('input[name=to]').value = arguments[1];", from, to);
        browser.Submit(browser.Find("form.filters button[type=submit]"));

        var ranged = await ApiFunnelAsync(http, $"?from={from}&to={to}");
        Assert.Equal(ranged, PageFunnel(browser));
        Assert.True(ranged[0] > 0 && ranged[0] < allTime[0], $"the range holds some of the developers: {ranged[0]} of {allTime[0]}");
        Assert.Contains($"from={from}", browser.Driver.Url, StringComparison.Ordinal);

        // The same numbers as a CSV download of the table.
        using var signedIn = server.Http(browser.SessionCookie);
        var csv = await signedIn.GetStringAsync($"/journey?handler=csv&from={from}&to={to}", Cancellation);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("stage,developers,conversion,median_days_from_previous,stopped_here", rows[0]);
        Assert.Equal(ranged, rows[1..].Select(row => long.Parse(row.Split(',')[1], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_developer_is_found_by_search_and_their_profile_shows_identities_traits_and_stages()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/developers");
        browser.Find("input[name=q]").SendKeys("analytical engines");
        browser.Submit(browser.Find("form.filters button[type=submit]"));

        var rows = browser.FindAll("#developers tbody tr");
        var row = Assert.Single(rows);
        Assert.Contains("Analytical Engines", row.Text, StringComparison.Ordinal);
        browser.Submit(row.FindElement(By.CssSelector("a[data-member]")));

        Assert.Equal("Ada Lovelace", browser.Find("#developer-name").Text);
        var identities = browser.FindAll("#identities li").Select(item => item.Text).ToList();
        Assert.Equal(["email:ada@analytical.io", "github:ada-l", "user:ada"], identities);
        Assert.Contains("build", browser.Find(".subtitle .badge").Text, StringComparison.Ordinal);
        Assert.Equal(["API Called", "Signed Up"], browser.FindAll("#timeline li strong").Select(item => item.Text));
    }

    [Fact]
    public async Task An_editor_s_note_and_tag_persist_and_a_viewer_can_change_neither()
    {
        var profile = await ProfilePathAsync("user:ada");
        using (var editor = BrowserSession.Start(server.Address))
        {
            editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
            editor.Open(profile);
            editor.Find("textarea[name=body]").SendKeys("Met at NDC; wants a Go SDK");
            editor.Submit(editor.Find("form textarea[name=body]").FindElement(By.XPath("./ancestor::form//button")));
            editor.Find("input[name=tag]").SendKeys("Champion");
            editor.Submit(editor.Find("input[name=tag]").FindElement(By.XPath("./ancestor::form//button")));

            editor.Open(profile);
            Assert.Contains("Met at NDC; wants a Go SDK", editor.Find("#notes").Text, StringComparison.Ordinal);
            Assert.Contains("editor@example.com", editor.Find("#notes").Text, StringComparison.Ordinal);
            Assert.Contains("champion", editor.Find("#tags").Text, StringComparison.Ordinal);
        }

        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open(profile);
        Assert.Empty(viewer.FindAll("textarea[name=body]"));
        Assert.Empty(viewer.FindAll("input[name=tag]"));
        var notesBefore = viewer.FindAll("#notes .note").Count;

        // A viewer who forges the form (with a valid anti-forgery token of their own) is refused and nothing is written.
        var status = viewer.Driver.ExecuteAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const token = document.querySelector('input[name=__csrf]').value;
            fetch(location.pathname + '?handler=Note', { method: 'POST', redirect: 'manual',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: '__csrf=' + encodeURIComponent(token) + '&body=forged' })
              .then(r => done(r.type === 'opaqueredirect' ? 'redirect' : String(r.status)));
            """);
        Assert.Equal("redirect", status);
        viewer.Open(profile);
        Assert.Equal(notesBefore, viewer.FindAll("#notes .note").Count);
        Assert.DoesNotContain("forged", viewer.Find("#notes").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
        var profile = await ProfilePathAsync("user:ada");
        using var http = server.Http(browser.SessionCookie);

        using var response = await http.PostAsync($"{profile}?handler=Note",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "cross-site" }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        browser.Open(profile);
        Assert.DoesNotContain("cross-site", browser.Find("#notes").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_developer_named_like_a_script_is_shown_as_text()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/developers?q=mallory");
        Assert.Equal(DashboardServer.ScriptName, browser.Find("#developers a[data-member]").Text);

        browser.Open(await ProfilePathAsync("user:mallory"));
        Assert.Equal(DashboardServer.ScriptName, browser.Find("#developer-name").Text);
        Assert.Contains("<img src=x onerror=alert(2)>", browser.Find("#timeline").Text, StringComparison.Ordinal);
        Assert.Throws<NoAlertPresentException>(() => browser.Driver.SwitchTo().Alert());
        Assert.Empty(browser.FindAll("#timeline img"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", browser.Driver.PageSource, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sign_in_link_printed_by_the_command_line_works_once()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.Open(server.ViewerLinkPath);
        browser.Submit(browser.Find("form button[type=submit]"));
        Assert.Equal("/", browser.Path);
        Assert.Equal("viewer@example.com · viewer", browser.Find(".sidebar-foot span").Text);

        using var other = BrowserSession.Start(server.Address);
        other.Open(server.ViewerLinkPath);
        other.Submit(other.Find("form button[type=submit]"));
        Assert.Equal("This sign-in link has been used or has expired.", other.Find(".alert.error").Text);
    }

    [Fact]
    public void Settings_are_for_owners_only()
    {
        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open("/settings");
        Assert.Equal("/forbidden", viewer.Path);
        Assert.Equal("Not allowed", viewer.Find("h1").Text);

        using var owner = BrowserSession.Start(server.Address);
        owner.SignIn(DashboardServer.OwnerEmail, DashboardServer.Password);
        owner.Open("/settings");
        Assert.Equal("Settings", owner.Find("h1").Text);
        Assert.Equal(
            ["demo@rapport.local", "editor@example.com", "former@example.com", "owner@example.com", "viewer@example.com"],
            owner.FindAll("#users tbody tr").Select(row => row.GetAttribute("data-user")));
    }

    [Fact]
    public void A_disabled_user_is_offered_no_sign_in_link_and_a_forged_request_for_one_is_refused()
    {
        using var owner = BrowserSession.Start(server.Address);
        owner.SignIn(DashboardServer.OwnerEmail, DashboardServer.Password);
        owner.Open("/settings");
        var disabled = owner.Find($"#users tr[data-user='{DashboardServer.DisabledEmail}']");
        Assert.Empty(disabled.FindElements(By.CssSelector("form[action*='handler=Link']")));
        Assert.StartsWith("disabled since ", disabled.FindElement(By.CssSelector("[data-disabled]")).Text, StringComparison.Ordinal);
        var active = owner.Find($"#users tr[data-user='{DashboardServer.ViewerEmail}']");
        Assert.Equal("Sign-in link", active.FindElement(By.CssSelector("form[action*='handler=Link'] button")).Text);
        Assert.Empty(active.FindElements(By.CssSelector("[data-disabled]")));

        // The viewer's own link form, pointed at the disabled user: a valid anti-forgery token, a user the page offers no link.
        var disabledId = disabled.FindElement(By.CssSelector("input[name=userId]")).GetAttribute("value");
        owner.Driver.ExecuteScript("arguments[0].value = arguments[1];", active.FindElement(By.CssSelector("form[action*='handler=Link'] input[name=userId]")), disabledId);
        owner.Submit(owner.Find($"#users tr[data-user='{DashboardServer.ViewerEmail}'] form[action*='handler=Link'] button"));

        Assert.Equal("former@example.com is disabled, so a sign-in link would not work: enable them first.", owner.Find(".alert.error").Text);
        Assert.Empty(owner.FindAll("#secret"));
        Assert.DoesNotContain("/signin/link/", owner.Driver.PageSource, StringComparison.Ordinal);
        Assert.Empty(owner.Find($"#users tr[data-user='{DashboardServer.DisabledEmail}']").FindElements(By.CssSelector("form[action*='handler=Link']")));
    }

    private async Task<string> ProfilePathAsync(string identity)
    {
        using var http = server.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/members/{identity}", Cancellation));
        return $"/developers/{document.RootElement.GetProperty("id").GetInt64()}";
    }

    private static async Task<long[]> ApiFunnelAsync(HttpClient http, string query)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/reports/funnel{query}", Cancellation));
        return [.. document.RootElement.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("developers").GetInt64())];
    }

    private static long[] PageFunnel(BrowserSession browser) =>
        [.. browser.FindAll("#funnel-table td[data-developers]").Select(cell => long.Parse(cell.Text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];
}

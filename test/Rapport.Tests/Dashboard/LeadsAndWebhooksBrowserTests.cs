using System.Text.Json;
using OpenQA.Selenium;
using Rapport.Core.Webhooks;
using Rapport.Tests.Webhooks;

namespace Rapport.Tests.Dashboard;

/// <summary>The Leads page and the Webhooks section of Settings, in a real headless Chromium against a real <c>rapport serve</c>.</summary>
public sealed class LeadsAndWebhooksBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_editor_s_status_change_persists_and_a_viewer_can_change_nothing()
    {
        long id;
        using (var editor = BrowserSession.Start(server.Address))
        {
            editor.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
            editor.Open("/leads");
            editor.Submit(editor.Find("#refresh button"));
            Assert.Contains("leads qualify", editor.Find(".alert.success").Text, StringComparison.Ordinal);
            var rows = editor.FindAll("#leads tbody tr");
            Assert.NotEmpty(rows);
            using var http = server.Http(editor.SessionCookie);
            using (var api = JsonDocument.Parse(await http.GetStringAsync("/api/v1/leads", Cancellation)))
            {
                Assert.Equal(api.RootElement.GetProperty("items").EnumerateArray().Select(lead => lead.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    rows.Select(row => row.GetAttribute("data-lead")));
            }

            id = long.Parse(rows[0].GetAttribute("data-lead")!, System.Globalization.CultureInfo.InvariantCulture);
            rows[0].FindElement(By.CssSelector("select[name=newStatus] option[value=handed_off]")).Click();
            rows[0].FindElement(By.CssSelector("input[name=note]")).SendKeys("Intro to Sam in sales");
            editor.Submit(rows[0].FindElement(By.CssSelector("button[type=submit]")));
            Assert.EndsWith("is now handed off.", editor.Find(".alert.success").Text, StringComparison.Ordinal);

            editor.Open("/leads");
            var row = editor.Find($"#leads tr[data-lead='{id}']");
            Assert.Equal("handed off", row.FindElement(By.CssSelector(".lead-status")).Text);
            Assert.Equal("Intro to Sam in sales", row.FindElement(By.CssSelector(".lead-note")).Text);
            using var lead = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/leads/{id}", Cancellation));
            Assert.Equal(("handed_off", DashboardServer.EditorEmail),
                (lead.RootElement.GetProperty("status").GetString(), lead.RootElement.GetProperty("statusChangedBy").GetString()));
        }

        using var viewer = BrowserSession.Start(server.Address);
        viewer.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        viewer.Open("/leads");
        Assert.NotEmpty(viewer.FindAll("#leads tbody tr"));
        Assert.Empty(viewer.FindAll("select[name=newStatus]"));
        Assert.Empty(viewer.FindAll("#refresh"));

        // A viewer who forges the form (with a valid anti-forgery token of their own) is refused and nothing is written.
        var status = viewer.Driver.ExecuteAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const token = document.querySelector('input[name=__csrf]').value;
            fetch('/leads?handler=Status', { method: 'POST', redirect: 'manual',
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
              body: '__csrf=' + encodeURIComponent(token) + '&leadId=' + arguments[0] + '&newStatus=rejected&note=forged' })
              .then(r => done(r.type === 'opaqueredirect' ? 'redirect' : String(r.status)));
            """, id);
        Assert.Equal("redirect", status);
        viewer.Open("/leads?status=handed_off");
        var kept = viewer.Find($"#leads tr[data-lead='{id}']");
        Assert.Equal("handed off", kept.FindElement(By.CssSelector(".lead-status")).Text);
        Assert.DoesNotContain("forged", kept.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_leads_page_fits_a_laptop_screen_and_its_csv_has_every_lead_it_lists()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.EditorEmail, DashboardServer.Password);
        browser.Open("/leads");
        browser.Submit(browser.Find("#refresh button"));
        var ids = browser.FindAll("#leads tbody tr").Select(row => row.GetAttribute("data-lead")).ToList();
        var overflow = Convert.ToInt64(browser.Driver.ExecuteScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overflow <= 0, $"the leads page is {overflow}px wider than a 1366px screen");
        using var http = server.Http(browser.SessionCookie);

        var csv = await http.GetStringAsync(browser.Find("a[href*='handler=csv']").GetAttribute("href"), Cancellation);

        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,name,kind,status,qualifies,reason,developers,", rows[0], StringComparison.Ordinal);
        Assert.Equal(ids, rows[1..].Select(row => row.Split(',')[0]));
    }

    [Fact]
    public async Task An_owner_adds_a_webhook_sees_its_secret_once_pings_it_and_removes_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = BrowserSession.Start(server.Address);
        owner.SignIn(DashboardServer.OwnerEmail, DashboardServer.Password);
        owner.Open("/settings");

        owner.Find("#webhooks input[name=url]").SendKeys(receiver.Url("dashboard"));
        owner.Find("#webhooks input[name=events][value='drql.created']").Click();
        owner.Submit(owner.Find("#webhooks form[action*='AddWebhook'] button[type=submit]"));
        var secret = owner.Find("#secret").Text;
        Assert.Matches("^[0-9a-f]{64}$", secret);
        var row = owner.Find($"#webhooks tr[data-webhook] code");
        Assert.Equal(receiver.Url("dashboard"), row.Text);
        var webhook = owner.Find("#webhooks tr[data-webhook]").GetAttribute("data-webhook");

        owner.Submit(owner.Find($"#webhooks tr[data-webhook='{webhook}'] form[action*='TestWebhook'] button"));

        Assert.Matches($"^Webhook {webhook} answered the ping with HTTP 200 in [0-9]+ ms\\.$", owner.Find(".alert.success").Text);
        Assert.DoesNotContain(secret, owner.Driver.PageSource, StringComparison.Ordinal);
        var ping = Assert.Single(receiver.Received);
        Assert.True(WebhookSignature.Verify(secret, ping.Body, ping.Header(WebhookHeaders.Signature)));
        Assert.Contains("ping", owner.Find("#deliveries tbody").Text, StringComparison.Ordinal);
        Assert.Contains("delivered", owner.Find("#deliveries tbody").Text, StringComparison.Ordinal);

        owner.Submit(owner.Find($"#webhooks tr[data-webhook='{webhook}'] form[action*='RemoveWebhook'] button"));
        Assert.Empty(owner.FindAll($"#webhooks tr[data-webhook='{webhook}']"));
    }
}

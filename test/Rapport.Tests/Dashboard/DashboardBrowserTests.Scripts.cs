using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>
/// Text from outside (developer and organization names, content titles, event names, feedback) on every page that
/// shows it: as text, never as markup that runs.
/// </summary>
public sealed partial class DashboardBrowserTests
{
    private const string ScriptTalk = "<script>alert(3)</script> SDKs at NDC";

    [Fact]
    public async Task Every_page_shows_names_and_titles_written_like_scripts_as_text()
    {
        var mallory = await ProfilePathAsync("user:mallory");
        (string Path, string[] Shown)[] pages =
        [
            ("/", []), ("/journey", []), ("/developers?q=mallory", [DashboardServer.ScriptName, DashboardServer.ScriptOrganization]),
            (mallory, [DashboardServer.ScriptName]), ("/community", []), ("/pulse", []), ("/outreach", []),
            ("/content", [ScriptTalk]), ($"/content/{server.ContentIds[3]}", [ScriptTalk]),
            ("/events", [DashboardServer.ScriptEvent]), ($"/events/{server.ScriptEventId}", [DashboardServer.ScriptEvent]),
            ("/docs-gaps", []), ("/coverage", []),
            ("/feedback", [DashboardServer.ScriptFeedback]), ($"/feedback/{server.ScriptFeedbackId}", [DashboardServer.ScriptFeedback]),
            ("/leads", []),
        ];
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);

        foreach (var (path, shown) in pages)
        {
            browser.Open(path);
            Assert.True(browser.FindAll("main h1").Count == 1, $"{path} did not render: {browser.Path}");
            Assert.Throws<NoAlertPresentException>(() => browser.Driver.SwitchTo().Alert());
            // Nothing from the data became an element: no script with its text, no element with an event handler.
            var ran = Convert.ToInt64(browser.Driver.ExecuteScript(
                "return [...document.scripts].filter(s => s.text.includes('alert(')).length + document.querySelectorAll('[onerror]').length;"),
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ran == 0, $"{path} holds {ran} elements made from the data");
            var text = browser.Find("body").Text;
            Assert.All(shown, expected => Assert.True(text.Contains(expected, StringComparison.Ordinal), $"{path} does not show {expected} as text"));
        }
    }
}

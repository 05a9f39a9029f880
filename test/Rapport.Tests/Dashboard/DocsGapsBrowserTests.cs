using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>The Docs gaps page in a real headless Chromium, against what <c>rapport report docs-gaps --json</c> printed for the same store.</summary>
public sealed class DocsGapsBrowserTests(DocsGapsServer server) : IClassFixture<DocsGapsServer>
{
    [Fact]
    public void The_docs_gaps_page_shows_the_numbers_of_report_docs_gaps()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/docs-gaps");

        using var report = JsonDocument.Parse(server.ReportJson);
        var root = report.RootElement;
        var topics = root.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal(
            (root.GetProperty("questions").GetInt32().ToString("N0", CultureInfo.InvariantCulture), topics.Count.ToString(CultureInfo.InvariantCulture),
                root.GetProperty("docsPages").GetInt32().ToString(CultureInfo.InvariantCulture)),
            (browser.Find("#question-count").Text, browser.Find("#topic-count").Text, browser.Find("#docs-page-count").Text));
        Assert.Equal(("53", "4", "3"), (browser.Find("#question-count").Text, browser.Find("#topic-count").Text, browser.Find("#docs-page-count").Text));

        var rows = browser.FindAll("#topics tbody tr");
        Assert.Equal(
            topics.Select(topic => string.Join(" | ", topic.GetProperty("rank").GetInt32(), topic.GetProperty("name").GetString(),
                topic.GetProperty("questions").GetInt32(), topic.GetProperty("gapScore").GetDouble().ToString("0.##", CultureInfo.InvariantCulture))),
            rows.Select(row => string.Join(" | ", row.GetAttribute("data-topic"), row.FindElement(By.CssSelector("[data-name]")).Text,
                row.FindElement(By.CssSelector("[data-questions]")).Text, row.FindElement(By.CssSelector("[data-gap]")).Text)));
        Assert.Equal("1 | challenge, topic, week | 6 | 6", string.Join(" | ", rows[0].GetAttribute("data-topic"),
            rows[0].FindElement(By.CssSelector("[data-name]")).Text, rows[0].FindElement(By.CssSelector("[data-questions]")).Text,
            rows[0].FindElement(By.CssSelector("[data-gap]")).Text));
        Assert.Equal(Math.Min(10, topics.Count), browser.FindAll("svg.chart g title").Count);
    }
}

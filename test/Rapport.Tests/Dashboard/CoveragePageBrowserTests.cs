using System.Text.Json;

namespace Rapport.Tests.Dashboard;

/// <summary>The Coverage page in a real headless Chromium: the same matrix as <c>rapport report coverage</c>, under-served cells marked.</summary>
public sealed class CoveragePageBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    [Fact]
    public void The_coverage_page_shows_the_matrix_of_the_report_and_marks_the_under_served_cells()
    {
        using var browser = BrowserSession.Start(server.Address);
        browser.SignIn(DashboardServer.ViewerEmail, DashboardServer.Password);
        browser.Open("/coverage");

        using var report = JsonDocument.Parse(server.CoverageJson);
        var cells = report.RootElement.GetProperty("dimensions")[0].GetProperty("cells").EnumerateArray()
            .Select(cell => (cell.GetProperty("value").GetString()!, cell.GetProperty("contentItems").GetInt64(), cell.GetProperty("developers").GetInt64(),
                cell.GetProperty("underServed").GetBoolean()))
            .ToList();
        // Two items are tagged go; Donald uses go ("golang"); Ada and the demo's python developers use python, for
        // which there is no content.
        Assert.Equal(("go", 2L, 1L), (cells[0].Item1, cells[0].Item2, cells[0].Item3));
        Assert.Equal(("python", 0L, true), (cells[1].Item1, cells[1].Item2, cells[1].Item4));
        Assert.True(cells[1].Item3 > 1, $"python's developers: {cells[1].Item3}");

        var rows = browser.FindAll("table[data-dimension=language] tbody tr");
        Assert.Equal(cells, rows.Select(row => (
            row.GetAttribute("data-value")!, long.Parse(row.FindElement(OpenQA.Selenium.By.CssSelector("[data-content]")).Text, System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(row.FindElement(OpenQA.Selenium.By.CssSelector("[data-developers]")).Text, System.Globalization.CultureInfo.InvariantCulture),
            row.FindElements(OpenQA.Selenium.By.CssSelector("[data-under-served]")).Count == 1)));
        Assert.Equal(
            report.RootElement.GetProperty("underServed").EnumerateArray().Select(gap => gap.GetProperty("reason").GetString()),
            browser.FindAll("#under-served li").Select(item => item.Text));
    }
}

using OpenQA.Selenium;

namespace Rapport.Tests.Dashboard;

/// <summary>
/// The main pages on the full demo data, at laptop size in both themes: they fit the screen, and their screenshots
/// are what <c>docs/screenshots/</c> shows (written there when <c>RAPPORT_UPDATE_SCREENSHOTS=1</c>).
/// </summary>
public sealed class DashboardScreenshotTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private RapportServerProcess? _server;

    public async ValueTask InitializeAsync()
    {
        var db = _directory.File("demo.duckdb");
        var demo = await RapportProcess.RunAsync(_directory.Path, "--db", db, "demo", "--no-serve");
        Assert.True(demo.ExitCode == 0, demo.Error);
        var owner = await RapportProcess.RunShellAsync(_directory.Path,
            $"printf '%s\\n' '{DashboardServer.Password}' | dotnet '{RapportProcess.ExecutablePath}' --db '{db}' users create --email {DashboardServer.OwnerEmail} --role owner --password-stdin");
        Assert.True(owner.ExitCode == 0, owner.Error);
        _server = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);
    }

    [Fact]
    public void The_main_pages_fit_a_laptop_screen_in_both_themes()
    {
        using var browser = BrowserSession.Start(_server!.Address, width: 1366, height: 900);
        browser.SignIn(DashboardServer.OwnerEmail, DashboardServer.Password);
        browser.Open("/developers?stage=build");
        var profile = browser.Find("#developers a[data-member]").GetAttribute("href")!;

        var pages = new (string Name, string Path)[]
        {
            ("overview", "/"), ("journey", "/journey"), ("developers", "/developers"), ("developer", new Uri(profile).AbsolutePath),
            ("community", "/community"), ("pulse", "/pulse"), ("outreach", "/outreach"), ("content", "/content"), ("events", "/events"),
            ("docs-gaps", "/docs-gaps"), ("coverage", "/coverage"), ("feedback", "/feedback"), ("leads", "/leads"), ("settings", "/settings"),
        };
        foreach (var theme in new[] { "light", "dark" })
        {
            browser.Driver.ExecuteScript("localStorage.setItem('rapport-theme', arguments[0]);", theme);
            foreach (var (name, path) in pages)
            {
                browser.Open(path);
                Assert.Equal(theme, browser.Find("html").GetAttribute("data-theme"));
                Assert.NotEmpty(browser.FindAll("main h1"));
                var overflow = Convert.ToInt64(browser.Driver.ExecuteScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(overflow <= 0, $"{path} in the {theme} theme is {overflow}px wider than a 1366px screen");
                Save(browser.Driver.GetScreenshot(), theme == "light" ? name : $"{name}-dark");
            }
        }

        // The overview's charts are drawn: a funnel bar per stage and a line per series.
        browser.Open("/");
        Assert.Equal(5, browser.FindAll("svg.funnel rect").Count);
        Assert.Equal(5, browser.FindAll("svg.line polyline").Count);
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Save(Screenshot screenshot, string name)
    {
        screenshot.SaveAsFile(_directory.File($"{name}.png"));
        if (Environment.GetEnvironmentVariable("RAPPORT_UPDATE_SCREENSHOTS") == "1")
        {
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (repository is not null && !File.Exists(System.IO.Path.Combine(repository.FullName, "Rapport.slnx")))
            {
                repository = repository.Parent;
            }

            var target = System.IO.Path.Combine(repository!.FullName, "docs", "screenshots");
            Directory.CreateDirectory(target);
            screenshot.SaveAsFile(System.IO.Path.Combine(target, $"{name}.png"));
        }
    }
}

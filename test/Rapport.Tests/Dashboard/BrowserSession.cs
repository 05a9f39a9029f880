using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Rapport.Tests.Dashboard;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>, installed by <c>.ci/run</c>) with its
/// own empty profile. Without the browser the tests are skipped on a developer machine and fail on CI.
/// </summary>
internal sealed class BrowserSession : IDisposable
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private readonly TemporaryDirectory _profile = new();

    private BrowserSession(Uri server, int width, int height, string? userAgent)
    {
        Server = server;
        var service = ChromeDriverService.CreateDefaultService(System.IO.Path.GetDirectoryName(DriverPath)!, System.IO.Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        // The flags keep Chromium from reaching out to Google's services, which this machine's network refuses.
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            $"--window-size={width},{height}", $"--user-data-dir={_profile.Path}");
        if (userAgent is not null)
        {
            options.AddArgument($"--user-agent={userAgent}");
        }

        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(5);
    }

    public ChromeDriver Driver { get; }

    public Uri Server { get; }

    /// <summary>
    /// Starts a browser at laptop size (1366×900 by default). Headless Chromium names itself <c>HeadlessChrome</c>, which
    /// Rapport rightly counts as a bot; a test that plays a person reading a page passes a desktop browser's
    /// <paramref name="userAgent"/>.
    /// </summary>
    public static BrowserSession Start(Uri server, int width = 1366, int height = 900, string? userAgent = null)
    {
        if (!File.Exists(BrowserPath) || !File.Exists(DriverPath))
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                throw new InvalidOperationException(
                    $"{BrowserPath} and {DriverPath} are missing, and on CI the browser tests must run: .ci/run installs chromium and chromium-driver.");
            }

            Assert.Skip("Chromium is not installed: apt-get install chromium chromium-driver to run the browser tests.");
        }

        return new BrowserSession(server, width, height, userAgent);
    }

    public void Open(string path) => Driver.Navigate().GoToUrl(new Uri(Server, path));

    public string Path => new Uri(Driver.Url).AbsolutePath;

    public IWebElement Find(string css) => Driver.FindElement(By.CssSelector(css));

    public IReadOnlyList<IWebElement> FindAll(string css) => Driver.FindElements(By.CssSelector(css));

    /// <summary>Signs in through the form, as a person would, and waits for the page it leads to.</summary>
    public void SignIn(string email, string password)
    {
        Open("/signin");
        Find("input[name=email]").SendKeys(email);
        Find("input[name=password]").SendKeys(password);
        Find("form button[type=submit]").Click();
        WaitUntil(() => Path != "/signin", "the sign-in form to lead on");
    }

    /// <summary>Submits a form and waits until the browser has loaded what it answered.</summary>
    public void Submit(IWebElement button)
    {
        var before = Find("html");
        button.Click();
        WaitUntil(() => IsStale(before), "the form's answer to load");
    }

    public void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 15 s for {what}; the browser is at {Driver.Url}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>The session cookie, for HTTP requests made beside the browser as the same user.</summary>
    public string SessionCookie => Driver.Manage().Cookies.GetCookieNamed("rapport.session")?.Value
        ?? throw new InvalidOperationException("the browser is not signed in");

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        _profile.Dispose();
    }

    private static bool IsStale(IWebElement element)
    {
        try
        {
            _ = element.Enabled;
            return false;
        }
        catch (StaleElementReferenceException)
        {
            return true;
        }
        catch (UnknownErrorException e) when (e.Message.Contains("does not belong to the document", StringComparison.Ordinal))
        {
            // Chromium's answer for an element of a page it is replacing, before the new page counts as loaded.
            return true;
        }
    }
}

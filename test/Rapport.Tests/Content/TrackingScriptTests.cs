using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium.Interactions;
using Rapport.Tests.Dashboard;

namespace Rapport.Tests.Content;

/// <summary>
/// <c>/t.js</c> on a blog page served from another origin, in a real headless Chromium: the reader's engaged time
/// reaches Rapport by beacon when they leave, and the post's reach counts the view as validated only when it was.
/// </summary>
public sealed class TrackingScriptTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private WebApplication? _blog;
    private RapportServerProcess? _rapport;
    private string _key = "";
    private string _readKey = "";
    private Uri _blogAddress = null!;

    private const string DesktopChrome =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var db = _directory.File("rapport.duckdb");
        var created = await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", "ingest", "--name", "blog");
        Assert.True(created.ExitCode == 0, created.Error);
        _key = created.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));
        var reader = await RapportProcess.RunAsync(_directory.Path, "--db", db, "keys", "create", "--scope", "read", "--name", "tests");
        Assert.True(reader.ExitCode == 0, reader.Error);
        _readKey = reader.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("rpk_", StringComparison.Ordinal));

        var port = FreePort();
        _blogAddress = new Uri($"http://127.0.0.1:{port}");
        var added = await RapportProcess.RunAsync(_directory.Path, "--db", db, "content", "add", "--kind", "blog_post",
            "--title", "Generate SDKs in CI", "--url", new Uri(_blogAddress, "/post").ToString());
        Assert.True(added.ExitCode == 0, added.Error);
        _rapport = await RapportServerProcess.StartAsync(_directory.Path, "--db", db);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_blogAddress.ToString());
        builder.Logging.ClearProviders();
        _blog = builder.Build();
        var script = new Uri(_rapport.Address, "/t.js");
        _blog.MapGet("/post", () => TypedResults.Content(
            $"""<!doctype html><html><head><title>Generate SDKs in CI</title><script src="{script}" data-key="{_key}" defer></script></head><body style="height:4000px"><h1>Generate SDKs in CI</h1></body></html>""",
            "text/html"));
        _blog.MapGet("/next", () => TypedResults.Content("<!doctype html><html><head><title>Next</title></head><body>next</body></html>", "text/html"));
        await _blog.StartAsync(Cancellation);
    }

    [Fact]
    public async Task An_engaged_reader_is_validated_reach_a_glance_is_not_and_no_cookie_is_set()
    {
        using var browser = BrowserSession.Start(_blogAddress, userAgent: DesktopChrome);
        browser.Open("/post?utm_source=newsletter");
        browser.WaitUntil(() => browser.Driver.ExecuteScript("return localStorage.getItem('rapport.aid')") is string, "the script to give the reader an id");
        var reader = browser.Driver.ExecuteScript("return localStorage.getItem('rapport.aid')") as string ?? "";

        // Three seconds of reading: scrolling now and then.
        for (var i = 0; i < 6; i++)
        {
            new Actions(browser.Driver).ScrollByAmount(0, 120).Perform();
            await Task.Delay(500, Cancellation);
        }

        Assert.Equal("", browser.Driver.ExecuteScript("return document.cookie"));
        browser.Open("/next");
        var first = await WaitForReachAsync(views: 1);
        Assert.Equal((1, 1, 1, 1), first);

        // A glance: in and out again at once.
        browser.Open("/post");
        browser.WaitUntil(() => browser.Driver.ExecuteScript("return document.readyState") as string == "complete", "the post to load");
        browser.Open("/next");
        var second = await WaitForReachAsync(views: 2);
        Assert.Equal((2, 2, 2, 1), second);

        // The reader is one anonymous developer with two page views, and neither page set a cookie.
        using var http = Api();
        using var member = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/members/anonymous:{reader}", Cancellation));
        Assert.Equal(2, member.RootElement.GetProperty("activityCount").GetInt64());
        Assert.Empty(browser.Driver.Manage().Cookies.AllCookies);
    }

    [Fact]
    public async Task A_beacon_with_a_wrong_key_or_a_bad_address_is_refused_with_problem_details()
    {
        using var http = new HttpClient { BaseAddress = _rapport!.Address };
        using var wrongKey = await http.PostAsync("/t", new StringContent(
            """{"k":"rpk_notakey","a":"r1","v":"v1","n":0,"u":"https://blog.example.com/post","e":40}"""), Cancellation);
        using var badUrl = await http.PostAsync("/t", new StringContent(
            $$"""{"k":"{{_key}}","a":"r1","v":"v1","n":0,"u":"javascript:alert(1)","e":40}"""), Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badUrl.StatusCode);
        Assert.Equal("application/problem+json", badUrl.Content.Headers.ContentType?.MediaType);
        Assert.Contains("u (the page's address) must be an http or https URL", await badUrl.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var script = await http.GetAsync("/t.js", Cancellation);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("navigator.sendBeacon", await script.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_blog is not null)
        {
            await _blog.DisposeAsync();
        }

        _rapport?.Dispose();
        _directory.Dispose();
    }

    /// <summary>The post's views, human, organic and validated views (engaged from 2 s), once the views have arrived.</summary>
    private async Task<(long Views, long Human, long Organic, long Validated)> WaitForReachAsync(long views)
    {
        using var http = Api();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var report = JsonDocument.Parse(await http.GetStringAsync("/api/v1/reports/content?engagedSeconds=2", Cancellation));
            var post = report.RootElement.EnumerateArray().Single();
            var counts = (post.GetProperty("views").GetInt64(), post.GetProperty("human").GetInt64(), post.GetProperty("organic").GetInt64(),
                post.GetProperty("validated").GetInt64());
            if (counts.Item1 >= views || DateTime.UtcNow > deadline)
            {
                return counts;
            }

            await Task.Delay(200, Cancellation);
        }
    }

    /// <summary>A client of Rapport's API with the read key (the reports are for the team, not the public).</summary>
    private HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = _rapport!.Address };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _readKey);
        return http;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

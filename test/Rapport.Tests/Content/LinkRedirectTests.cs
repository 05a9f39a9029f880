using System.Net;
using Microsoft.AspNetCore.Builder;
using Rapport.Core.Content;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Content;

/// <summary><c>GET /l/{slug}</c> through real Kestrel: the redirect, and every click stored as a link.click activity.</summary>
public sealed class LinkRedirectTests : IAsyncLifetime
{
    private const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync("acme", Token);
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task A_click_redirects_with_utm_parameters_and_a_click_id_and_is_stored_as_an_activity()
    {
        var post = await _store.AddContentAsync(_workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "SDKs in CI", Channel = "dzone" }, Token);
        var link = await _store.CreateLinkAsync(_workspace, "https://example.com/docs/quickstart?utm_source=newsletter&lang=go", post.Id, "dzone", "launch", Token);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/l/{link.Slug}");
        request.Headers.UserAgent.ParseAdd(Firefox);
        request.Headers.Referrer = new Uri("https://dzone.com/articles/sdks-in-ci");
        var response = await _http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var location = response.Headers.Location!.AbsoluteUri;
        Assert.Matches(
            @"^https://example\.com/docs/quickstart\?utm_source=newsletter&lang=go&utm_medium=blog_post&utm_campaign=launch&rclid=[a-z0-9]{12}$", location);
        var clickId = location[^12..];
        var clicker = await _store.FindMemberAsync(_workspace, Identity.Create("click", clickId), Token);
        Assert.NotNull(clicker);
        Assert.Equal(1, clicker.ActivityCount);
        var activity = Assert.Single(await _store.ListMemberActivitiesAsync(_workspace, clicker.Id, null, 10, Token));
        Assert.Equal(("link.click", "link", "dzone", "https://example.com/docs/quickstart?utm_source=newsletter&lang=go"),
            (activity.Type, activity.Source, activity.Channel, activity.Url));
        Assert.Contains($"\"slug\":\"{link.Slug}\"", activity.PropertiesJson, StringComparison.Ordinal);
        Assert.Contains($"\"contentId\":{post.Id}", activity.PropertiesJson, StringComparison.Ordinal);
        Assert.Contains("\"traffic\":[]", activity.PropertiesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_requests_and_crawlers_are_redirected_and_recorded_as_bots_and_an_unknown_slug_is_a_404()
    {
        var link = await _store.CreateLinkAsync(_workspace, "https://example.com/", contentId: null, channel: null, campaign: null, Token);

        using var head = new HttpRequestMessage(HttpMethod.Head, $"/l/{link.Slug}");
        head.Headers.UserAgent.ParseAdd(Firefox);
        var headResponse = await _http.SendAsync(head, Token);
        using var crawler = new HttpRequestMessage(HttpMethod.Get, $"/l/{link.Slug}");
        crawler.Headers.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var crawlerResponse = await _http.SendAsync(crawler, Token);
        var missing = await _http.GetAsync("/l/nothere", Token);

        Assert.Equal(HttpStatusCode.Redirect, headResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, crawlerResponse.StatusCode);
        Assert.StartsWith("https://example.com/?utm_source=rapport&utm_medium=link&rclid=", crawlerResponse.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var stats = await _store.GetStatsAsync(_workspace, Token);
        Assert.Equal(2, stats.Activities);
        Assert.Equal(new Dictionary<string, long> { ["bot"] = 2 }, stats.Identities);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(Token);
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}

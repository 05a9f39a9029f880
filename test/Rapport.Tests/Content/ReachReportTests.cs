using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Connectors.Segment;
using Rapport.Connectors.YouTube;
using Rapport.Core.Content;
using Rapport.Core.Reach;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Content;

/// <summary>
/// Validated reach end to end through real Kestrel: a post with a tracked link, clicked by a person and a crawler; the
/// person's click id arriving on a Segment page message, then sign-up and API calls; the essay's 40,000-view video.
/// </summary>
public sealed class ReachReportTests : IAsyncLifetime
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
        _workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.Urls.Single()) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", (await _store.CreateApiKeyAsync(_workspace, Core.ApiKeys.ApiKeyScope.Read, "reports", Token)).Plaintext);
    }

    [Fact]
    public async Task Reach_per_item_tree_and_channel_tells_validated_from_raw_and_follows_clicks_into_the_journey()
    {
        var post = await AddAsync(ContentKind.BlogPost, "SDKs in CI", "https://dzone.com/articles/sdks-in-ci", "dzone", 2);
        var video = await AddAsync(ContentKind.Video, "Build a chat app", "https://www.youtube.com/watch?v=genaidemo01", "youtube", 10);
        await _store.AddContentAsync(_workspace, new ContentFields
        {
            Kind = ContentKind.BlogPost,
            Title = "SDKs in CI",
            Urls = ["https://dev.to/jim/sdks-in-ci"],
            Channel = "dev.to",
            EffortHours = 0.5,
            ParentId = post.Id,
            Reuse = ReuseKind.Syndication,
        }, Token);
        using (var export = File.OpenText(Path.Combine(AppContext.BaseDirectory, "TestData", "youtube", "table-data.csv")))
        {
            await _store.ReplaceVideoReachAsync(_workspace, YouTubeStudioCsv.Read(export, "table-data.csv", null), Token);
        }

        await _store.ReplacePageReachAsync(_workspace, "dzone-stats",
            [new PageReachRow("https://dzone.com/articles/sdks-in-ci/", new DateOnly(2026, 3, 2), 100, 80, 70, 45, 40, 5)], Token);
        var link = await _store.CreateLinkAsync(_workspace, "https://example.com/signup", post.Id, "dzone", "launch", Token);

        var clickId = (await ClickAsync(link.Slug, Firefox)).AbsoluteUri[^12..];
        await ClickAsync(link.Slug, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        var landed = DateTime.UtcNow.AddMinutes(1);
        await IngestAsync(
            Message("page", "ada", "p1", landed, $",\"context\":{{\"page\":{{\"url\":\"https://example.com/signup?utm_source=dzone&rclid={clickId}\"}}}}"),
            Message("identify", "ada", "i1", landed, ",\"traits\":{\"email\":\"ada@example.com\"}"),
            Message("track", "ada", "t1", landed.AddDays(2), ",\"event\":\"Signed Up\""),
            Message("track", "ada", "t2", landed.AddDays(5), ",\"event\":\"API Called\""),
            Message("page", "someone", "p2", landed, ",\"context\":{\"page\":{\"url\":\"https://example.com/?rclid=notaclickid!\"}}"));

        using var items = await GetAsync("/api/v1/reports/content");
        var rows = items.RootElement.EnumerateArray().ToArray();
        Assert.Equal([post.Id, video.Id, 3L], rows.Select(row => row.GetProperty("contentId").GetInt64()));
        Assert.Equal([100L, 80, 70, 40, 5, 1, 1, 1, 1], Numbers(rows[0]));
        Assert.Equal(20, rows[0].GetProperty("validatedPerEffortHour").GetDouble());
        // 40,000 views, 38,500 of them 5-second ads: 1,333 validated (900 search + 400 suggested + 33 of 200 external).
        Assert.Equal([40_000L, 40_000, 1_500, 1_333, 6_416, 0, 0, 0, 0], Numbers(rows[1]));
        Assert.Equal(133.3, rows[1].GetProperty("validatedPerEffortHour").GetDouble());
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0, 0, 0], Numbers(rows[2]));

        using var trees = await GetAsync("/api/v1/reports/content?trees=true");
        var tree = trees.RootElement[0];
        Assert.Equal((2, 2.5, 16.0), (tree.GetProperty("items").GetInt32(), tree.GetProperty("effortHours").GetDouble(), tree.GetProperty("validatedPerEffortHour").GetDouble()));
        Assert.Equal([100L, 80, 70, 40, 5, 1, 1, 1, 1], Numbers(tree));

        using var channels = await GetAsync("/api/v1/reports/channels");
        Assert.Equal(["youtube", "dzone", "dev.to"], channels.RootElement.EnumerateArray().Select(row => row.GetProperty("channel").GetString()));
        Assert.Equal(
            ContentReachReport.Compute(await _store.GetContentReachFactsAsync(_workspace, Token), EngagementThresholds.Default).Channels().Select(row => row.Validated),
            channels.RootElement.EnumerateArray().Select(row => row.GetProperty("validated").GetInt64()));

        using var stricter = await GetAsync("/api/v1/reports/content?engagedSeconds=120");
        // At two minutes, only the search views (2:10 on average) can all have been engaged; suggested ones at most 300.
        Assert.Equal(900 + 300 + 8, stricter.RootElement[1].GetProperty("validated").GetInt64());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync(Token);
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private static long[] Numbers(JsonElement row) =>
    [
        .. new[] { "views", "human", "organic", "validated", "paidEngaged", "clickThroughs", "identifiedDevelopers", "progressedFirstTouch", "progressedLastTouch" }
            .Select(name => row.GetProperty(name).GetInt64()),
    ];

    private Task<ContentItem> AddAsync(ContentKind kind, string title, string url, string channel, double effort) =>
        _store.AddContentAsync(_workspace, new ContentFields { Kind = kind, Title = title, Urls = [url], Channel = channel, EffortHours = effort }, Token);

    private async Task<Uri> ClickAsync(string slug, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/l/{slug}");
        request.Headers.UserAgent.ParseAdd(userAgent);
        var response = await _http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    private async Task IngestAsync(params string[] json)
    {
        await using var session = await _store.BeginIngestAsync(_workspace, Token);
        await session.AddAsync([.. json.Select(message => SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(message), DateTime.UtcNow))], Token);
        await session.CommitAsync(Token);
    }

    private static string Message(string type, string userId, string messageId, DateTime at, string rest) =>
        $"{{\"type\":\"{type}\",\"userId\":\"{userId}\",\"messageId\":\"{messageId}\",\"timestamp\":\"{at:O}\"{rest}}}";

    private async Task<JsonDocument> GetAsync(string path) => JsonDocument.Parse(await _http.GetStringAsync(path, Token));
}

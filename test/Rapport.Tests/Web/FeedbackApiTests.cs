using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary><c>/api/v1/feedback</c>, <c>/api/v1/community/pulse</c> and <c>/api/v1/reports/docs-gaps</c> through real Kestrel with API keys.</summary>
public sealed class FeedbackApiTests : IAsyncLifetime
{
    private const string Traffic =
        """
        {"type":"track","messageId":"q1","userId":"ada","event":"Question Asked","timestamp":"2026-03-02T10:00:00Z","properties":{"title":"Please add a Terraform provider","answered":true,"secondsToFirstAnswer":7200}}
        {"type":"track","messageId":"u1","userId":"ada","event":"Plan Upgraded","timestamp":"2026-03-03T10:00:00Z"}
        {"type":"track","messageId":"s1","userId":"cy","event":"Signed Up","timestamp":"2026-03-04T10:00:00Z"}

        """;

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _read = "";
    private string _admin = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync("acme", Token);
        using (var file = new MemoryStream(Encoding.UTF8.GetBytes(Traffic)))
        {
            await new SegmentImport(_store, TimeProvider.System).ImportAsync(_workspace, file, "traffic.jsonl", skipInvalid: false, cancellationToken: Token);
        }

        _read = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Read, "dashboard", Token)).Plaintext;
        _admin = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "crm", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "acme", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task Feedback_is_confirmed_voted_ranked_and_shipped_over_http()
    {
        using var suggestions = await SendAsync(HttpMethod.Get, "/api/v1/feedback/suggestions", _read);
        using var refused = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _read, new { kind = "feature", fromMessageId = "q1" });
        using var added = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _admin, new { kind = "feature", area = "integrations", fromMessageId = "q1" });
        using var voted = await SendAsync(HttpMethod.Post, "/api/v1/feedback/1/voters", _admin, new { identity = "user:cy" });
        using var bad = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _admin, new { title = "x", kind = "wish" });
        using var shipped = await SendAsync(HttpMethod.Patch, "/api/v1/feedback/1", _admin, new { status = "shipped", trackerUrl = "https://jira.example.com/P-1" });
        using var listed = await SendAsync(HttpMethod.Get, "/api/v1/feedback", _read);
        using var missing = await SendAsync(HttpMethod.Get, "/api/v1/feedback/9", _read);

        using (var suggested = await JsonAsync(suggestions))
        {
            Assert.Equal([("q1", "feature", "please add")], suggested.RootElement.GetProperty("items").EnumerateArray()
                .Select(s => (s.GetProperty("messageId").GetString(), s.GetProperty("kind").GetString(), s.GetProperty("reason").GetString())));
        }

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal((HttpStatusCode.Created, "/api/v1/feedback/1"), (added.StatusCode, added.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var problem = await JsonAsync(bad))
        {
            Assert.Equal("unknown feedback kind \"wish\"; the kinds are bug, feature, docs, friction", problem.RootElement.GetProperty("detail").GetString());
        }

        using var change = await JsonAsync(shipped);
        Assert.Equal(2, change.RootElement.GetProperty("outreachTasksCreated").GetInt32());
        Assert.Equal(("shipped", "https://jira.example.com/P-1"),
            (change.RootElement.GetProperty("item").GetProperty("status").GetString(), change.RootElement.GetProperty("item").GetProperty("trackerUrl").GetString()));
        using var groups = await JsonAsync(listed);
        // Ada at Scale (4) and Cy at Evaluate (1.5).
        var group = groups.RootElement.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("integrations", 5.5, 2), (group.GetProperty("area").GetString(), group.GetProperty("score").GetDouble(), group.GetProperty("developers").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_pulse_and_the_docs_gap_report_are_there_for_a_read_key()
    {
        using var pulse = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse?asOf=2026-03-04T12:00:00Z&weeks=2", _read);
        using var gaps = await SendAsync(HttpMethod.Get, "/api/v1/reports/docs-gaps", _read);
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse", null);
        using var wrong = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse?weeks=0", _read);

        using var weeks = await JsonAsync(pulse);
        // The week of 23 February is empty; the week of 2 March has Ada and Cy new and active and Ada's question, answered in 2 h.
        Assert.Equal([("2026-02-23", 0, 0, 0), ("2026-03-02", 2, 2, 1)], weeks.RootElement.GetProperty("weeks").EnumerateArray().Select(week =>
            (week.GetProperty("weekStart").GetString(), week.GetProperty("newMembers").GetInt32(), week.GetProperty("activeMembers").GetInt32(),
                week.GetProperty("questionsAsked").GetInt32())));
        Assert.Equal(2.0, weeks.RootElement.GetProperty("weeks")[1].GetProperty("medianFirstResponseHours").GetDouble());
        using var report = await JsonAsync(gaps);
        Assert.Equal((1, 0), (report.RootElement.GetProperty("questions").GetInt32(), report.RootElement.GetProperty("topics").GetArrayLength()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return await _http.SendAsync(request, Token);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
}

using System.Net;
using System.Text.Json;

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

    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync("acme");
        await _server.ImportAsync(Traffic);
    }

    [Fact]
    public async Task Feedback_is_confirmed_voted_ranked_and_shipped_over_http()
    {
        using var suggestions = await SendAsync(HttpMethod.Get, "/api/v1/feedback/suggestions", _server.ReadKey);
        using var refused = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _server.ReadKey, new { kind = "feature", fromMessageId = "q1" });
        using var added = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _server.AdminKey, new { kind = "feature", area = "integrations", fromMessageId = "q1" });
        using var voted = await SendAsync(HttpMethod.Post, "/api/v1/feedback/1/voters", _server.AdminKey, new { identity = "user:cy" });
        using var bad = await SendAsync(HttpMethod.Post, "/api/v1/feedback", _server.AdminKey, new { title = "x", kind = "wish" });
        using var shipped = await SendAsync(HttpMethod.Patch, "/api/v1/feedback/1", _server.AdminKey, new { status = "shipped", trackerUrl = "https://jira.example.com/P-1" });
        using var listed = await SendAsync(HttpMethod.Get, "/api/v1/feedback", _server.ReadKey);
        using var missing = await SendAsync(HttpMethod.Get, "/api/v1/feedback/9", _server.ReadKey);

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
    public async Task A_dismissed_suggestion_is_no_longer_suggested_over_http()
    {
        using var refused = await SendAsync(HttpMethod.Post, "/api/v1/feedback/suggestions/dismissals", _server.ReadKey, new { messageId = "q1" });
        using var dismissed = await SendAsync(HttpMethod.Post, "/api/v1/feedback/suggestions/dismissals", _server.AdminKey, new { messageId = "q1" });
        using var again = await SendAsync(HttpMethod.Post, "/api/v1/feedback/suggestions/dismissals", _server.AdminKey, new { messageId = "q1" });
        using var unknown = await SendAsync(HttpMethod.Post, "/api/v1/feedback/suggestions/dismissals", _server.AdminKey, new { messageId = "nope" });
        using var suggestions = await SendAsync(HttpMethod.Get, "/api/v1/feedback/suggestions", _server.ReadKey);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var first = await JsonAsync(dismissed))
        {
            Assert.Equal(("q1", true), (first.RootElement.GetProperty("messageId").GetString(), first.RootElement.GetProperty("dismissed").GetBoolean()));
        }

        using (var second = await JsonAsync(again))
        {
            Assert.False(second.RootElement.GetProperty("dismissed").GetBoolean());
        }

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var left = await JsonAsync(suggestions);
        Assert.Equal(0, left.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_pulse_and_the_docs_gap_report_are_there_for_a_read_key()
    {
        using var pulse = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse?asOf=2026-03-04T12:00:00Z&weeks=2", _server.ReadKey);
        using var gaps = await SendAsync(HttpMethod.Get, "/api/v1/reports/docs-gaps", _server.ReadKey);
        using var anonymous = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse", null);
        using var wrong = await SendAsync(HttpMethod.Get, "/api/v1/community/pulse?weeks=0", _server.ReadKey);

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

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? json = null) =>
        _server.SendJsonAsync(method, path, key, json);

    private static Task<JsonDocument> JsonAsync(HttpResponseMessage response) => ApiServer.JsonAsync(response);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Rapport.Core.ApiKeys;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary><c>/api/v1/outreach</c>, <c>/api/v1/community</c> and <c>/api/v1/reports/levels</c> through real Kestrel over a real DuckDB file.</summary>
public sealed class CommunityApiTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(Now);
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _adminKey = "";
    private string _readKey = "";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), _clock);
        _workspace = await _store.GetOrCreateWorkspaceAsync("default", Cancellation);
        await using (var session = await _store.BeginIngestAsync(_workspace, Cancellation))
        {
            string Track(string id, string user, string type, DateTime at, string properties = "{}") =>
                $$"""{"type":"track","messageId":"{{id}}","userId":"{{user}}","event":"{{type}}","properties":{{properties}},"timestamp":"{{at:yyyy-MM-ddTHH:mm:ssZ}}"}""";
            string[] messages =
            [
                """{"type":"identify","messageId":"i1","userId":"ann","traits":{"firstName":"Ann"},"timestamp":"2026-01-01T00:00:00Z"}""",
                Track("q1", "ann", "question.asked", Now.AddDays(-3), """{"answered":false,"title":"Rate limits?"}"""),
                Track("t1", "ada", "Talk Given", Now), Track("t2", "ada", "Talk Given", Now),
            ];
            await session.AddAsync([.. messages.Select(json => Connectors.Segment.SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), Now))], Cancellation);
            await session.CommitAsync(Cancellation);
        }

        _adminKey = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "devrel", Cancellation)).Plaintext;
        _readKey = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Read, "dashboard", Cancellation)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", _clock);
        await _app.StartAsync(Cancellation);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task Refresh_list_and_update_a_task_over_HTTP_with_an_admin_key()
    {
        using var refreshed = await SendAsync(HttpMethod.Post, "/api/v1/outreach/refresh", null, _adminKey, HttpStatusCode.OK);
        Assert.Equal(["unanswered_question"], refreshed.RootElement.GetProperty("tasksCreated").EnumerateArray().Select(t => t.GetProperty("reason").GetString()));

        using var open = new HttpRequestMessage(HttpMethod.Get, "/api/v1/outreach?status=open");
        open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _readKey);
        using var response = await _http.SendAsync(open, Cancellation);
        using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var task = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray().ToArray());
        Assert.Equal("1", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(("unanswered_question", "open", "learn", "2026-04-01T09:00:00Z"),
            (task.GetProperty("reason").GetString(), task.GetProperty("status").GetString(), task.GetProperty("stage").GetString(), task.GetProperty("createdAt").GetString()));
        Assert.Equal(["user:ann"], task.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("Hey Ann, I saw that your question \"Rate limits?\" has no answer yet — sorry about that! Can I help you with it?", task.GetProperty("message").GetString());

        using var snoozed = await SendAsync(HttpMethod.Patch, "/api/v1/outreach/1",
            new { status = "snoozed", snoozedUntil = "2026-04-08T00:00:00Z", assignee = "lead@example.com", note = "Pinged on the forum" }, _adminKey, HttpStatusCode.OK);
        Assert.Equal(("snoozed", "2026-04-08T00:00:00Z", "lead@example.com"),
            (snoozed.RootElement.GetProperty("status").GetString(), snoozed.RootElement.GetProperty("snoozedUntil").GetString(), snoozed.RootElement.GetProperty("assignee").GetString()));
        Assert.StartsWith("api key rpk_", snoozed.RootElement.GetProperty("notes")[0].GetProperty("author").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_need_an_admin_key_and_bad_input_is_a_problem_details_400()
    {
        await _store.RefreshCommunityAsync(_workspace, Now, Cancellation);

        using var anonymous = await SendAsync(HttpMethod.Patch, "/api/v1/outreach/1", new { status = "done" }, null, HttpStatusCode.Unauthorized);
        using var reader = await SendAsync(HttpMethod.Patch, "/api/v1/outreach/1", new { status = "done" }, _readKey, HttpStatusCode.Forbidden);
        using var wrong = await SendAsync(HttpMethod.Patch, "/api/v1/outreach/1", new { status = "finished" }, _adminKey, HttpStatusCode.BadRequest);
        using var missing = await SendAsync(HttpMethod.Patch, "/api/v1/outreach/9", new { status = "done" }, _adminKey, HttpStatusCode.NotFound);
        using var badFilter = await SendAsync(HttpMethod.Get, "/api/v1/outreach?reason=lonely", null, _readKey, HttpStatusCode.BadRequest);

        Assert.Contains("this needs a key with the scope admin", reader.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("'finished' is not a status; use open, snoozed, done, dismissed", wrong.RootElement.GetProperty("detail").GetString());
        Assert.Equal("There is no outreach task 9.", missing.RootElement.GetProperty("detail").GetString());
        Assert.StartsWith("'lonely' is not a reason", badFilter.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var task = await SendAsync(HttpMethod.Get, "/api/v1/outreach/1", null, _readKey, HttpStatusCode.OK);
        Assert.Equal("open", task.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Levels_heroes_and_a_member_s_level_answer_as_the_command_line_does()
    {
        await _store.RefreshCommunityAsync(_workspace, Now, Cancellation);
        using var nominated = await SendAsync(HttpMethod.Post, "/api/v1/community/heroes",
            new { identity = "user:ann", hero = true, reason = "Answers everyone", by = "lead" }, _adminKey, HttpStatusCode.OK);
        using var recognized = await SendAsync(HttpMethod.Post, "/api/v1/community/recognitions",
            new { identity = "user:ann", kind = "shout_out", givenOn = "2026-03-30" }, _adminKey, HttpStatusCode.Created);

        using var levels = await SendAsync(HttpMethod.Get, "/api/v1/reports/levels", null, _readKey, HttpStatusCode.OK);
        using var heroes = await SendAsync(HttpMethod.Get, "/api/v1/community/heroes", null, _readKey, HttpStatusCode.OK);
        using var ada = await SendAsync(HttpMethod.Get, "/api/v1/members/user:ada", null, _readKey, HttpStatusCode.OK);

        var current = levels.RootElement.GetProperty("current");
        Assert.Equal((0, 0, 2), (current.GetProperty("passive").GetInt64(), current.GetProperty("active").GetInt64(), current.GetProperty("hero").GetInt64()));
        Assert.Equal(["user:ada", "user:ann"], heroes.RootElement.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("identity").GetString()));
        Assert.Equal(("hero", 60.0), (ada.RootElement.GetProperty("community").GetProperty("level").GetString(),
            Math.Round(ada.RootElement.GetProperty("community").GetProperty("score").GetDouble(), 6)));
        Assert.Equal(JsonSerializer.Serialize(await _store.GetLevelReportAsync(_workspace, 20, Cancellation), Core.RapportJson.Options), levels.RootElement.GetRawText());
    }

    [Fact]
    public async Task Heroes_and_recognitions_walk_page_by_page_and_a_cursor_of_an_earlier_release_is_a_400()
    {
        await _store.RefreshCommunityAsync(_workspace, Now, Cancellation);
        using var nominated = await SendAsync(HttpMethod.Post, "/api/v1/community/heroes",
            new { identity = "user:ann", hero = true, reason = "Answers everyone", by = "lead" }, _adminKey, HttpStatusCode.OK);
        foreach (var (identity, day) in new[] { ("user:ann", "2026-03-01"), ("user:ada", "2026-03-30"), ("user:ann", "2026-03-15") })
        {
            using var recognized = await SendAsync(HttpMethod.Post, "/api/v1/community/recognitions",
                new { identity, kind = "swag", givenOn = day }, _adminKey, HttpStatusCode.Created);
        }

        async Task<List<string?>> WalkAsync(string path, string property)
        {
            var walked = new List<string?>();
            string? next = null;
            do
            {
                using var page = await SendAsync(
                    HttpMethod.Get, next is null ? $"{path}?limit=1" : $"{path}?limit=1&cursor={next}", null, _readKey, HttpStatusCode.OK);
                walked.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty(property).ToString()));
                next = page.RootElement.GetProperty("next").GetString();
            }
            while (next is not null);

            return walked;
        }

        // Ada by her 60 points, then Ann, a hero by nomination with fewer; recognition by the day given, latest first.
        Assert.Equal(["user:ada", "user:ann"], await WalkAsync("/api/v1/community/heroes", "identity"));
        Assert.Equal(["2026-03-30", "2026-03-15", "2026-03-01"], await WalkAsync("/api/v1/community/recognitions", "givenOn"));

        // Before keyset paging a heroes cursor named only the developer's id.
        var ada = (await _store.FindMemberAsync(_workspace, Core.Identities.Identity.Parse("user:ada"), Cancellation))!.Id;
        var old = Convert.ToBase64String(Encoding.UTF8.GetBytes($"ListHeroes\n{ada}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var refused = await SendAsync(HttpMethod.Get, $"/api/v1/community/heroes?cursor={old}", null, _readKey, HttpStatusCode.BadRequest);
        Assert.Equal($"'cursor' does not name a row of this list: '{ada}'.", refused.RootElement.GetProperty("detail").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, object? body, string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        }

        using var response = await _http.SendAsync(request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text.Length == 0 ? "null" : text);
    }
}

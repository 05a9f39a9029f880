using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.ApiKeys;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary>The Segment HTTP Tracking API through real Kestrel on 127.0.0.1, over a real DuckDB file.</summary>
public sealed class SegmentIngestTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private ObservedStore _observer = null!;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private string _key = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string DbPath => _directory.File("rapport.duckdb");

    public async ValueTask InitializeAsync()
    {
        _observer = ObservedStore.Wrap(RapportStore.Open(DbPath, TimeProvider.System));
        _store = _observer.Store;
        _workspace = await _store.GetOrCreateWorkspaceAsync("acme", Cancellation);
        _key = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Ingest, "tests", Cancellation)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Cancellation);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task Track_is_stored_as_an_activity_in_the_keys_workspace_and_answers_success()
    {
        var response = await PostAsync("/v1/track",
            """{"userId":"ada","event":"Signed Up","timestamp":"2026-01-05T09:00:00Z","messageId":"t-1"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"success":true}""", await response.Content.ReadAsStringAsync(Cancellation));
        var member = await FindMemberAsync("user:ada");
        Assert.Equal(1, member.ActivityCount);
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), member.FirstActivity);
        Assert.Equal(JourneyStage.Evaluate, member.Stage);
        Assert.Null(await _store.FindWorkspaceAsync("default", Cancellation));
    }

    [Fact]
    public async Task Identify_links_the_email_and_sets_traits()
    {
        await PostOkAsync("/v1/identify",
            """{"userId":"ada","traits":{"email":"ada@example.com","name":"Ada Lovelace","company":"Analytical Engines"}}""");

        var member = await FindMemberAsync("email:ada@example.com");
        Assert.Equal("Ada Lovelace", member.Name);
        Assert.Equal(["email:ada@example.com", "user:ada"], member.Identities);
        Assert.Equal("Analytical Engines", member.Traits["company"].GetString());
        Assert.Equal(0, member.ActivityCount);
    }

    [Fact]
    public async Task Page_and_screen_take_their_type_from_the_path_when_the_body_has_none()
    {
        await PostOkAsync("/v1/page", """{"anonymousId":"visitor-1","name":"Quickstart","properties":{"url":"https://docs.example.com/quickstart"}}""");
        await PostOkAsync("/v1/screen", """{"anonymousId":"visitor-1","name":"Home"}""");

        var member = await FindMemberAsync("anonymous:visitor-1");
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Discover, member.Stage);
        Assert.Equal(["page|Quickstart|https://docs.example.com/quickstart", "screen|Home|"],
            await QueryStringsAsync("SELECT type || '|' || coalesce(title, '') || '|' || coalesce(url, '') FROM activities ORDER BY type"));
    }

    [Fact]
    public async Task Alias_links_the_anonymous_visitor_to_the_user()
    {
        await PostOkAsync("/v1/page", """{"anonymousId":"visitor-2","timestamp":"2026-01-01T10:00:00Z"}""");
        await PostOkAsync("/v1/track", """{"userId":"ken","event":"API Called","timestamp":"2026-01-03T10:00:00Z"}""");

        await PostOkAsync("/v1/alias", """{"previousId":"visitor-2","userId":"ken"}""");

        var member = await FindMemberAsync("anonymous:visitor-2");
        Assert.Equal(["anonymous:visitor-2", "user:ken"], member.Identities);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Build, member.Stage);
    }

    [Fact]
    public async Task Group_is_stored_as_a_profile_update_with_its_group_id()
    {
        await PostOkAsync("/v1/group", """{"userId":"ada","groupId":"acme-corp","traits":{"plan":"enterprise"}}""");

        Assert.Equal(["group|acme-corp"], await QueryStringsAsync("SELECT type || '|' || group_id FROM profile_updates"));
        Assert.NotNull(await _store.FindMemberAsync(_workspace, Identity.Create("user", "ada"), Cancellation));
    }

    [Fact]
    public async Task A_batch_stores_every_message_and_the_funnel_counts_its_developers()
    {
        await PostOkAsync("/v1/batch", """
            {"batch": [
              {"type":"page","anonymousId":"v-ada","timestamp":"2026-01-01T09:00:00Z","messageId":"b-1"},
              {"type":"identify","userId":"ada","anonymousId":"v-ada","traits":{"email":"ada@example.com"},"messageId":"b-2"},
              {"type":"track","userId":"ada","event":"Signed Up","timestamp":"2026-01-03T09:00:00Z","messageId":"b-3"},
              {"type":"track","userId":"ada","event":"Tutorial Completed","timestamp":"2026-01-04T09:00:00Z","messageId":"b-4"},
              {"type":"track","userId":"grace","event":"Signed Up","timestamp":"2026-01-02T09:00:00Z","messageId":"b-5"}
            ]}
            """);

        var funnel = await _store.GetFunnelAsync(_workspace, Core.Reports.DateRange.All, Cancellation);
        Assert.Equal([2L, 2, 1, 0, 0], funnel.Stages.Select(stage => stage.Developers).ToArray());
        var stats = await _store.GetStatsAsync(_workspace, Cancellation);
        Assert.Equal(4, stats.Activities);
        Assert.Equal(2, stats.Developers);
        var ada = await FindMemberAsync("email:ada@example.com");
        Assert.Equal([JourneyStage.Discover, JourneyStage.Evaluate, JourneyStage.Learn], ada.StagesReached.Keys.ToArray());
        Assert.Equal(new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc), ada.StagesReached[JourneyStage.Discover]);
    }

    [Fact]
    public async Task A_batch_context_applies_to_every_message_and_a_message_context_wins()
    {
        await PostOkAsync("/v1/batch", """
            {"context":{"ip":"203.0.113.1","userAgent":"batch-agent"},
             "batch":[{"type":"track","userId":"a","event":"x","context":{"ip":"198.51.100.7"}},{"type":"track","userId":"b","event":"y"}]}
            """);

        Assert.Equal(["x|198.51.100.7|batch-agent", "y|203.0.113.1|batch-agent"],
            await QueryStringsAsync("SELECT type || '|' || ip || '|' || user_agent FROM activities ORDER BY type"));
    }

    [Fact]
    public async Task Each_key_stores_into_its_own_workspace()
    {
        var other = await _store.GetOrCreateWorkspaceAsync("other", Cancellation);
        var otherKey = await _store.CreateApiKeyAsync(other, ApiKeyScope.Ingest, null, Cancellation);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/track", """{"userId":"a","event":"x"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/track", """{"userId":"b","event":"y"}""", otherKey.Plaintext)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/track", """{"userId":"c","event":"z"}""", otherKey.Plaintext)).StatusCode);

        Assert.Equal(1, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
        Assert.Equal(2, (await _store.GetStatsAsync(other, Cancellation)).Activities);
        Assert.Null(await _store.FindMemberAsync(_workspace, Identity.Create("user", "b"), Cancellation));
    }

    [Fact]
    public async Task An_empty_batch_is_acknowledged_and_stores_nothing()
    {
        await PostOkAsync("/v1/batch", """{"batch":[]}""");

        Assert.Equal(0, _observer.Commits);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_body_that_is_not_in_the_encoding_it_claims_is_a_problem_details_400(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
        {
            Content = new StringContent("""{"userId":"a","event":"x"}"""),
        };
        request.Content.Headers.ContentEncoding.Add(encoding);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_key + ":")));

        using var problem = await ProblemAsync(await _http.SendAsync(request, Cancellation), HttpStatusCode.BadRequest);

        Assert.Contains(encoding == "br" ? "Content-Encoding 'br' is not supported" : "not valid gzip",
            problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_write_key_authenticates_as_basic_user_name_or_as_writeKey_in_the_body()
    {
        var basic = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""");
        var body = await PostAsync("/v1/track", $$"""{"userId":"b","event":"x","writeKey":"{{_key}}"}""", key: null);
        var batchBody = await PostAsync("/v1/batch", $$"""{"writeKey":"{{_key}}","batch":[{"type":"track","userId":"c","event":"x"}]}""", key: null);

        Assert.Equal(HttpStatusCode.OK, basic.StatusCode);
        Assert.Equal(HttpStatusCode.OK, body.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batchBody.StatusCode);
        Assert.Equal(3, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Fact]
    public async Task A_missing_key_is_a_problem_details_401_asking_for_basic_authentication()
    {
        var response = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""", key: null);

        using var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("curl -u KEY:", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("rpk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_wrong_key_is_a_problem_details_401(string key)
    {
        var response = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""", key);

        using var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("The API key is not valid: it is unknown or was revoked.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_key_with_the_right_prefix_but_another_secret_is_refused()
    {
        var forged = _key[..^4] + (_key[^4..] == "AAAA" ? "BBBB" : "AAAA");

        var response = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_the_moment_it_is_revoked()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/v1/track", """{"userId":"a","event":"x"}""")).StatusCode);

        var revoked = await _store.RevokeApiKeyAsync(_workspace, _key[..12], Cancellation);
        var response = await PostAsync("/v1/track", """{"userId":"a","event":"y"}""");

        Assert.NotNull(revoked?.RevokedAt);
        using var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Fact]
    public async Task A_key_without_the_ingest_scope_is_refused_and_an_admin_key_is_accepted()
    {
        var read = await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Read, null, Cancellation);
        var admin = await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, null, Cancellation);

        var withRead = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""", read.Plaintext);
        var withAdmin = await PostAsync("/v1/track", """{"userId":"a","event":"x"}""", admin.Plaintext);

        using var problem = await ProblemAsync(withRead, HttpStatusCode.Forbidden);
        Assert.Contains("has the scope read", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withAdmin.StatusCode);
    }

    [Fact]
    public async Task A_message_over_32_KB_is_a_problem_details_413()
    {
        var message = "{\"userId\":\"a\",\"event\":\"x\",\"properties\":{\"blob\":\"" + new string('x', 33 * 1024) + "\"}}";

        var single = await PostAsync("/v1/track", message);
        var inBatch = await PostAsync("/v1/batch", $$"""{"batch":[{"type":"track","userId":"b","event":"y"},{"type":"track",{{message[1..]}}]}""");

        using var singleProblem = await ProblemAsync(single, HttpStatusCode.RequestEntityTooLarge);
        using var batchProblem = await ProblemAsync(inBatch, HttpStatusCode.RequestEntityTooLarge);
        Assert.StartsWith("batch[1] is ", batchProblem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Fact]
    public async Task A_batch_over_500_KB_is_a_problem_details_413_even_gzipped_small()
    {
        var message = "{\"type\":\"track\",\"userId\":\"a\",\"event\":\"x\",\"properties\":{\"blob\":\"" + new string('x', 20 * 1024) + "\"}}";
        var batch = $$"""{"batch":[{{string.Join(",", Enumerable.Repeat(message, 30))}}]}""";

        var plain = await PostAsync("/v1/batch", batch);
        var gzipped = await PostAsync("/v1/batch", batch, gzip: true);

        using var plainProblem = await ProblemAsync(plain, HttpStatusCode.RequestEntityTooLarge);
        using var gzippedProblem = await ProblemAsync(gzipped, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("once decompressed", gzippedProblem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Fact]
    public async Task An_invalid_message_is_a_problem_details_400_naming_index_and_field_and_nothing_of_the_batch_is_stored()
    {
        var response = await PostAsync("/v1/batch", """
            {"batch":[
              {"type":"track","userId":"a","event":"x"},
              {"type":"track","event":"no ids"},
              {"type":"track","userId":"c","event":"x","timestamp":"last tuesday"}
            ]}
            """);

        using var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("batch[1].userId: a message needs a userId or an anonymousId",
            problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal([1, 2], errors.Select(error => error.GetProperty("index").GetInt32()).ToArray());
        Assert.Equal("batch[2].timestamp: 'last tuesday' is not an ISO 8601 timestamp", errors[1].GetProperty("detail").GetString());
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Developers);
    }

    [Theory]
    [InlineData("/v1/batch", """{"batch":[{"type":"track","userId":"a","event":"x"},""")]
    [InlineData("/v1/track", """{"userId":"a",""")]
    [InlineData("/v1/batch", """{"messages":[]}""")]
    [InlineData("/v1/track", """[{"userId":"a","event":"x"}]""")]
    public async Task Malformed_json_is_a_problem_details_400(string path, string body)
    {
        using var problem = await ProblemAsync(await PostAsync(path, body), HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_gzipped_body_is_accepted()
    {
        var response = await PostAsync("/v1/batch", """
            {"batch":[{"type":"track","userId":"zip","event":"Signed Up"},{"type":"track","userId":"zip","event":"API Called"}]}
            """, gzip: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await FindMemberAsync("user:zip")).ActivityCount);
    }

    [Fact]
    public async Task Unknown_top_level_fields_are_kept_in_the_properties_and_the_properties_own_keys_win()
    {
        await PostOkAsync("/v1/track", """
            {"userId":"a","event":"Plan Upgraded","plan":"pro","seats":5,"source":{"app":"web"},
             "properties":{"plan":"enterprise","currency":"EUR"},
             "integrations":{"All":true},"version":2,"channel":"server","_metadata":{},"options":{},"projectId":"p1","sentAt":"2026-01-01T00:00:00Z"}
            """);

        var stored = Assert.Single(await QueryStringsAsync("SELECT properties FROM activities"));
        using var properties = JsonDocument.Parse(stored);
        Assert.Equal(["plan", "currency", "seats", "source"], properties.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("enterprise", properties.RootElement.GetProperty("plan").GetString());
        Assert.Equal(5, properties.RootElement.GetProperty("seats").GetInt32());
        Assert.Equal("web", properties.RootElement.GetProperty("source").GetProperty("app").GetString());
    }

    [Fact]
    public async Task The_same_batch_sent_twice_at_once_is_acknowledged_twice_and_stored_once()
    {
        var batch = $$"""{"batch":[{{string.Join(",", Enumerable.Range(0, 100).Select(i =>
            $$"""{"type":"track","userId":"u{{i % 7}}","event":"API Called","messageId":"dup-{{i}}"}"""))}}]}""";

        var responses = await Task.WhenAll(PostAsync("/v1/batch", batch), PostAsync("/v1/batch", batch));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var stats = await _store.GetStatsAsync(_workspace, Cancellation);
        Assert.Equal(100, stats.Activities);
        Assert.Equal(7, stats.Developers);
    }

    [Fact]
    public async Task Fifty_concurrent_requests_are_all_acknowledged_and_all_stored()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            PostAsync("/v1/track", $$"""{"userId":"dev-{{i}}","event":"Signed Up","messageId":"c-{{i}}"}""")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var stats = await _store.GetStatsAsync(_workspace, Cancellation);
        Assert.Equal(50, stats.Activities);
        Assert.Equal(50, stats.Developers);
        Assert.Equal(50, (await _store.GetFunnelAsync(_workspace, Core.Reports.DateRange.All, Cancellation)).Stages[1].Developers);
    }

    [Fact]
    public async Task Requests_that_arrive_during_a_commit_share_the_next_one()
    {
        var gate = new TaskCompletionSource();
        _observer.CommitGate = gate.Task;
        var first = PostAsync("/v1/track", """{"userId":"first","event":"Signed Up"}""");
        while (_observer.Commits == 0)
        {
            await Task.Delay(10, Cancellation);
        }

        var queue = _app.Services.GetRequiredService<IngestQueue>();
        var rest = Enumerable.Range(0, 49).Select(i => PostAsync("/v1/track", $$"""{"userId":"dev-{{i}}","event":"Signed Up"}""")).ToArray();
        while (queue.QueuedMessages < 49)
        {
            await Task.Delay(10, Cancellation);
        }

        _observer.CommitGate = null;
        gate.SetResult();
        var responses = await Task.WhenAll([first, .. rest]);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(2, _observer.Commits);
        Assert.Equal(50, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
    }

    [Fact]
    public async Task A_failed_commit_answers_503_to_every_waiting_request_stores_none_and_the_next_commit_works()
    {
        _observer.FailCommits = true;
        var failed = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            PostAsync("/v1/track", $$"""{"userId":"dev-{{i}}","event":"Signed Up","messageId":"f-{{i}}"}""")));
        _observer.FailCommits = false;

        foreach (var response in failed)
        {
            using var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("none of them was stored", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
        await PostOkAsync("/v1/track", """{"userId":"dev-0","event":"Signed Up","messageId":"f-0"}""");
        var stats = await _store.GetStatsAsync(_workspace, Cancellation);
        Assert.Equal(1, stats.Activities);
        Assert.Equal(1, stats.Developers);
    }

    [Fact]
    public async Task Stopping_the_server_commits_what_requests_already_queued_and_answers_them()
    {
        var gate = new TaskCompletionSource();
        _observer.CommitGate = gate.Task;
        var first = PostAsync("/v1/track", """{"userId":"first","event":"Signed Up"}""");
        while (_observer.Commits == 0)
        {
            await Task.Delay(10, Cancellation);
        }

        var queue = _app.Services.GetRequiredService<IngestQueue>();
        var rest = Enumerable.Range(0, 19).Select(i => PostAsync("/v1/track", $$"""{"userId":"dev-{{i}}","event":"Signed Up"}""")).ToArray();
        while (queue.QueuedMessages < 19)
        {
            await Task.Delay(10, Cancellation);
        }

        var stopping = _app.StopAsync(Cancellation);
        await Task.Delay(200, Cancellation);
        _observer.CommitGate = null;
        gate.SetResult();
        await stopping;
        var responses = await Task.WhenAll([first, .. rest]);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(20, (await _store.GetStatsAsync(_workspace, Cancellation)).Activities);
        await Assert.ThrowsAsync<IngestUnavailableException>(() =>
            queue.EnqueueAsync(_workspace, [], Cancellation));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json, string? key = "", bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (gzip)
        {
            using var compressed = new MemoryStream();
            await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await zip.WriteAsync(bytes, Cancellation);
            }

            bytes = compressed.ToArray();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        if ((key == "" ? _key : key) is { } writeKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(writeKey + ":")));
        }

        return await _http.SendAsync(request, Cancellation);
    }

    private async Task PostOkAsync(string path, string json)
    {
        var response = await PostAsync(path, json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body);
    }

    private async Task<Core.Members.MemberProfile> FindMemberAsync(string identity) =>
        await _store.FindMemberAsync(_workspace, Identity.Parse(identity), Cancellation)
        ?? throw new Xunit.Sdk.XunitException($"no member {identity}");

    /// <summary>Reads rows the store has no report for yet (properties, group ids), from the same DuckDB file.</summary>
    private async Task<string[]> QueryStringsAsync(string sql)
    {
        await using var connection = new DuckDBConnection($"Data Source={Path.GetFullPath(DbPath)}");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows];
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Rapport.Tests.Web;

/// <summary>
/// GitHub webhooks end to end: the secret set with the real <c>rapport hooks github secret</c>, real example payloads
/// (TestData/github, from @octokit/webhooks-examples) signed as GitHub signs them, posted to a real <c>rapport serve</c>.
/// </summary>
public sealed class GitHubHookTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private RapportServerProcess _server = null!;
    private HttpClient _http = null!;
    private string _secret = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Db => _directory.File("rapport.duckdb");

    public async ValueTask InitializeAsync()
    {
        var set = await RapportProcess.RunAsync(_directory.Path, "--db", Db, "--workspace", "acme", "hooks", "github", "secret", "--url", "https://rapport.example.com");
        Assert.True(set.ExitCode == 0, set.Error);
        _secret = set.Output.Split('\n').Select(line => line.Trim()).Single(line => line.Length == 64 && line.All(char.IsAsciiHexDigitLower));
        Assert.Contains("Payload URL:   https://rapport.example.com/hooks/github/acme", set.Output, StringComparison.Ordinal);
        Assert.Contains("Content type:  application/json", set.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await RapportProcess.RunAsync(_directory.Path, "--db", Db, "--workspace", "quiet", "keys", "create", "--scope", "ingest")).ExitCode);

        // The members API, which the tests read the stored developers through, needs a read key of the workspace.
        var reader = await RapportProcess.RunAsync(_directory.Path, "--db", Db, "--workspace", "acme", "keys", "create", "--scope", "read");
        Assert.True(reader.ExitCode == 0, reader.Error);
        var readKey = System.Text.RegularExpressions.Regex.Match(reader.Output, "rpk_[A-Za-z0-9_-]{43}").Value;

        _server = await RapportServerProcess.StartAsync(_directory.Path, "--db", Db);
        _http = new HttpClient { BaseAddress = _server.Address };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", readKey);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _server.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_signed_star_is_stored_once_committed_and_the_stargazer_is_a_member()
    {
        using var response = await DeliverAsync("star", "9a1b7e00-0001", Example("star", "created"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"event":"star","delivery":"9a1b7e00-0001","activities":1,"ignored":false}""", await response.Content.ReadAsStringAsync(Cancellation));
        using var member = await MemberAsync("github:Codertocat");
        Assert.Equal(1, member.RootElement.GetProperty("activityCount").GetInt64());
        Assert.Equal("discover", member.RootElement.GetProperty("stage").GetString());
        Assert.Equal("2019-05-15T15:20:40Z", member.RootElement.GetProperty("firstActivity").GetString());
    }

    [Fact]
    public async Task The_same_delivery_sent_twice_is_stored_once()
    {
        var payload = Example("star", "created");

        using var first = await DeliverAsync("star", "9a1b7e00-0002", payload);
        using var redelivered = await DeliverAsync("star", "9a1b7e00-0002", payload);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        using var member = await MemberAsync("github:codertocat");
        Assert.Equal(1, member.RootElement.GetProperty("activityCount").GetInt64());
    }

    [Fact]
    public async Task A_push_links_each_commit_author_by_login_and_email_and_names_them()
    {
        using var response = await DeliverAsync("push", "9a1b7e00-0003", ExampleAt("push", 4));

        Assert.Equal("""{"event":"push","delivery":"9a1b7e00-0003","activities":1,"ignored":false}""", await response.Content.ReadAsStringAsync(Cancellation));
        using var member = await MemberAsync("email:21031067+Codertocat@users.noreply.github.com");
        Assert.Equal("Codertocat", member.RootElement.GetProperty("name").GetString());
        Assert.Equal(["email:21031067+codertocat@users.noreply.github.com", "github:codertocat"],
            member.RootElement.GetProperty("identities").EnumerateArray().Select(identity => identity.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("build", member.RootElement.GetProperty("stage").GetString());

        _server.Kill();
        var stats = await RapportProcess.RunAsync(_directory.Path, "--db", Db, "--workspace", "acme", "stats", "--json");
        using var document = JsonDocument.Parse(stats.Output);
        var type = Assert.Single(document.RootElement.GetProperty("topActivityTypes").EnumerateArray());
        Assert.Equal("github.push.commit", type.GetProperty("type").GetString());
        Assert.Equal(1, type.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_bad_signature_is_refused_with_401_and_stores_nothing()
    {
        var payload = Example("star", "created");
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"Codertocat\"", "\"Mallory\"", StringComparison.Ordinal));

        using var forged = await DeliverAsync("star", "9a1b7e00-0004", tampered, signature: Sign(payload, _secret));
        using var wrongSecret = await DeliverAsync("star", "9a1b7e00-0005", payload, signature: Sign(payload, "not the secret"));
        using var unsigned = await DeliverAsync("star", "9a1b7e00-0006", payload, signature: null);

        foreach (var response in new[] { forged, wrongSecret, unsigned })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            Assert.Contains("X-Hub-Signature-256", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/v1/members/github:mallory?workspace=acme", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/v1/members/github:codertocat?workspace=acme", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Ignored_events_and_the_ping_are_acknowledged_with_the_reason()
    {
        using var deployment = await DeliverAsync("deployment", "9a1b7e00-0007", ExampleAt("deployment", 0));
        using var ping = await DeliverAsync("ping", "9a1b7e00-0008", ExampleAt("ping", 0));
        using var labeled = await DeliverAsync("issues", "9a1b7e00-0009", Example("issues", "labeled"));

        Assert.Equal(
            """{"event":"deployment","delivery":"9a1b7e00-0007","activities":0,"ignored":true,"reason":"deployment events are about the repository or its automation, not a developer's activity"}""",
            await deployment.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        using var pinged = JsonDocument.Parse(await ping.Content.ReadAsStringAsync(Cancellation));
        Assert.True(pinged.RootElement.GetProperty("ignored").GetBoolean());
        Assert.Equal("GitHub's test delivery: the webhook reaches Rapport and its secret matches", pinged.RootElement.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, labeled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/api/v1/members/github:codertocat?workspace=acme", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_form_encoded_delivery_is_verified_over_the_form_and_mapped_from_its_payload_field()
    {
        var form = Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(Encoding.UTF8.GetString(Example("watch", "started"))));

        using var response = await DeliverAsync("watch", "9a1b7e00-0010", form, contentType: "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var member = await MemberAsync("github:codertocat");
        Assert.Equal(1, member.RootElement.GetProperty("activityCount").GetInt64());
    }

    [Fact]
    public async Task Requests_GitHub_would_never_send_get_problem_details_that_say_what_is_wrong()
    {
        var payload = Example("star", "created");

        using var noWorkspace = await DeliverAsync("star", "d-1", payload, workspace: "nobody");
        using var noSecret = await DeliverAsync("star", "d-2", payload, workspace: "quiet");
        using var noEvent = await DeliverAsync(null, "d-3", payload);
        using var noDelivery = await DeliverAsync("star", null, payload);
        using var text = await DeliverAsync("star", "d-5", payload, contentType: "text/plain");
        using var notJson = await DeliverAsync("star", "d-6", "{not json"u8.ToArray());

        await AssertProblemAsync(noWorkspace, HttpStatusCode.NotFound, "There is no workspace 'nobody'.");
        await AssertProblemAsync(noSecret, HttpStatusCode.Unauthorized, "rapport hooks github secret --workspace quiet");
        await AssertProblemAsync(noEvent, HttpStatusCode.BadRequest, "lacks X-GitHub-Event");
        await AssertProblemAsync(noDelivery, HttpStatusCode.BadRequest, "lacks X-GitHub-Delivery");
        await AssertProblemAsync(text, HttpStatusCode.UnsupportedMediaType, "choose application/json");
        await AssertProblemAsync(notJson, HttpStatusCode.BadRequest, "the star payload is not valid JSON");
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> DeliverAsync(
        string? gitHubEvent, string? delivery, byte[] body, string? signature = "", string workspace = "acme", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/github/{workspace}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        if (gitHubEvent is not null)
        {
            request.Headers.Add("X-GitHub-Event", gitHubEvent);
        }

        if (delivery is not null)
        {
            request.Headers.Add("X-GitHub-Delivery", delivery);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature.Length == 0 ? Sign(body, _secret) : signature);
        }

        return await _http.SendAsync(request, Cancellation);
    }

    /// <summary>As GitHub signs: HMAC-SHA256 of the body under the secret, in lower-case hex after <c>sha256=</c>.</summary>
    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<JsonDocument> MemberAsync(string identity)
    {
        using var response = await _http.GetAsync($"/api/v1/members/{Uri.EscapeDataString(identity)}?workspace=acme", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static byte[] Example(string gitHubEvent, string action) =>
        Examples(gitHubEvent).First(example => example.GetProperty("action").GetString() == action) is var found
            ? JsonSerializer.SerializeToUtf8Bytes(found)
            : throw new InvalidOperationException();

    private static byte[] ExampleAt(string gitHubEvent, int index) => JsonSerializer.SerializeToUtf8Bytes(Examples(gitHubEvent)[index]);

    private static List<JsonElement> Examples(string gitHubEvent)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "github", "api.github.com.json")));
        return [.. document.RootElement.EnumerateArray()
            .Single(eventType => eventType.GetProperty("name").GetString() == gitHubEvent)
            .GetProperty("examples").EnumerateArray().Select(example => example.Clone())];
    }
}

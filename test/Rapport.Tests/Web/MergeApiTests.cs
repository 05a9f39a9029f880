using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Rapport.Tests.Web;

/// <summary>Merging developers over HTTP, on the shared <see cref="ApiServer"/>, with keys sent as the HTTP Basic user name.</summary>
public sealed class MergeApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync("""
            {"type":"identify","userId":"ada","messageId":"1","timestamp":"2026-03-01T10:00:00Z","traits":{"name":"Ada Lovelace","github":"ada-l","company":"Analytical Engines"}}
            {"type":"track","userId":"ada","event":"API Called","messageId":"2","timestamp":"2026-03-02T10:00:00Z"}
            {"type":"identify","anonymousId":"device-1","messageId":"3","timestamp":"2026-03-01T10:00:00Z","traits":{"name":"Ada Lovelace","email":"ada@analytical.io"}}
            {"type":"track","anonymousId":"device-1","event":"Docs Viewed","messageId":"4","timestamp":"2026-02-20T10:00:00Z"}
            {"type":"identify","userId":"grace","messageId":"5","timestamp":"2026-03-01T10:00:00Z","traits":{"email":"grace@navy.mil"}}
            """);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_admin_key_merges_unmerges_and_undoes_and_every_change_shows_in_the_developer()
    {
        using var merged = await PostAsync("/api/v1/members/merge", new { identity = "github:ada-l", other = "email:ada@analytical.io", reason = "same person" }, _server.AdminKey);
        var merge = merged.RootElement;
        Assert.Equal("same person", merge.GetProperty("reason").GetString());
        Assert.StartsWith("key:rpk_", merge.GetProperty("mergedBy").GetString(), StringComparison.Ordinal);
        using (var ada = await GetAsync("/api/v1/members/github:ada-l"))
        {
            Assert.Equal(["anonymous:device-1", "email:ada@analytical.io", "github:ada-l", "user:ada"],
                ada.RootElement.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal(2, ada.RootElement.GetProperty("activityCount").GetInt64());
        }

        using var split = await PostAsync("/api/v1/members/unmerge", new { identity = "anonymous:device-1" }, _server.AdminKey);
        Assert.Equal("anonymous:device-1", split.RootElement.GetProperty("identity").GetString());
        using (var device = await GetAsync("/api/v1/members/anonymous:device-1"))
        {
            Assert.Equal(split.RootElement.GetProperty("toMemberId").GetInt64(), device.RootElement.GetProperty("id").GetInt64());
            Assert.Equal(1, device.RootElement.GetProperty("activityCount").GetInt64());
        }

        using var undone = await PostAsync($"/api/v1/members/merges/{merge.GetProperty("id").GetInt64()}/undo", null, _server.AdminKey);
        Assert.NotEqual(JsonValueKind.Null, undone.RootElement.GetProperty("undoneAt").ValueKind);
        using var history = await GetAsync("/api/v1/members/merges?identity=github:ada-l");
        Assert.Equal(merge.GetProperty("id").GetInt64(), Assert.Single(history.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        using (var email = await GetAsync("/api/v1/members/email:ada@analytical.io"))
        {
            Assert.Equal(["email:ada@analytical.io"], email.RootElement.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
        }

        using var again = await ProblemAsync(HttpMethod.Post, $"/api/v1/members/merges/{merge.GetProperty("id").GetInt64()}/undo", null, _server.AdminKey,
            HttpStatusCode.Conflict);
        Assert.StartsWith("merge 1 was already undone by key:rpk_", again.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_are_listed_by_anyone_and_accepted_or_dismissed_by_editors_only()
    {
        using var refreshed = await PostAsync("/api/v1/members/suggestions/refresh", null, _server.AdminKey);
        Assert.Equal(1, refreshed.RootElement.GetProperty("found").GetInt32());
        using var open = await GetAsync("/api/v1/members/suggestions");
        var suggestion = Assert.Single(open.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("same-name", 0.8), (suggestion.GetProperty("rule").GetString(), suggestion.GetProperty("confidence").GetDouble()));
        Assert.Equal("Ada Lovelace", suggestion.GetProperty("developer").GetProperty("name").GetString());
        var id = suggestion.GetProperty("id").GetInt64();

        using var anonymous = await ProblemAsync(HttpMethod.Post, $"/api/v1/members/suggestions/{id}/accept", null, key: null, HttpStatusCode.Unauthorized);
        using var ingestOnly = await ProblemAsync(HttpMethod.Post, $"/api/v1/members/suggestions/{id}/accept", null, _server.IngestKey, HttpStatusCode.Forbidden);
        Assert.StartsWith("This needs an API key", anonymous.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("this needs a key with the scope admin", ingestOnly.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var accepted = await PostAsync($"/api/v1/members/suggestions/{id}/accept", null, _server.AdminKey);
        Assert.Equal($"suggestion {id}: both are named Ada Lovelace", accepted.RootElement.GetProperty("reason").GetString());
        using var merged = await GetAsync("/api/v1/members/suggestions?status=merged");
        Assert.Equal(id, Assert.Single(merged.RootElement.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        using var decided = await ProblemAsync(HttpMethod.Post, $"/api/v1/members/suggestions/{id}/dismiss", null, _server.AdminKey, HttpStatusCode.Conflict);
        using var missing = await ProblemAsync(HttpMethod.Post, "/api/v1/members/suggestions/999/dismiss", null, _server.AdminKey, HttpStatusCode.NotFound);
        Assert.Equal("there is no merge suggestion 999", missing.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"identity":"ada-l","other":"user:grace"}""", HttpStatusCode.BadRequest, "'identity': 'ada-l' is not an identity; write it as kind:value, for example email:ada@example.com or github:octocat")]
    [InlineData("""{"other":"user:grace"}""", HttpStatusCode.BadRequest, "'identity' is missing: name an identity as kind:value, for example github:octocat")]
    [InlineData("""{"identity":"github:nobody","other":"user:grace"}""", HttpStatusCode.NotFound, "no developer has the identity github:nobody")]
    [InlineData("""{"identity":"github:ada-l","other":"user:ada"}""", HttpStatusCode.Conflict, "github:ada-l and user:ada are already one developer (#1)")]
    public async Task A_bad_merge_is_a_problem_and_changes_nothing(string body, HttpStatusCode status, string detail)
    {
        using var problem = await ProblemAsync(HttpMethod.Post, "/api/v1/members/merge", body, _server.AdminKey, status);

        Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
        using var merges = await GetAsync("/api/v1/members/merges");
        Assert.Empty(merges.RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/members/merge") { Content = new StringContent("{nope", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Basic(_server.AdminKey);
        using var response = await _server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Organizations_list_developers_per_stage_with_the_company_trait_before_the_email_domain()
    {
        using var organizations = await GetAsync("/api/v1/organizations");

        var list = organizations.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Analytical Engines", "analytical.io", "navy.mil"], list.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(1, list[0].GetProperty("stages").GetProperty("build").GetInt64());
        Assert.Equal("2026-03-02T10:00:00Z", list[0].GetProperty("firstSeen").GetString());
        Assert.Equal(JsonValueKind.Null, list[2].GetProperty("firstSeen").ValueKind);
    }

    private async Task<JsonDocument> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Basic(_server.ReadKey);
        using var response = await _server.Http.SendAsync(request, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<JsonDocument> PostAsync(string path, object? body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = Basic(key);
        using var response = await _server.Http.SendAsync(request, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<JsonDocument> ProblemAsync(HttpMethod method, string path, string? json, string? key, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = Basic(key);
        }

        using var response = await _server.Http.SendAsync(request, Token);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private static AuthenticationHeaderValue Basic(string key) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
}

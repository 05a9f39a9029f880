using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Core.ApiKeys;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Content;

/// <summary>The content catalog over real HTTP (Kestrel on 127.0.0.1) and a real DuckDB file.</summary>
public sealed class ContentApiTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _adminKey = "";
    private string _ingestKey = "";
    private HttpClient _reader = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        var workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _adminKey = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Admin, "devrel", Token)).Plaintext;
        _ingestKey = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "website", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _reader = new HttpClient { BaseAddress = _http.BaseAddress };
        _reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Read, "reports", Token)).Plaintext);
    }

    [Fact]
    public async Task An_admin_key_adds_and_edits_items_and_anyone_reads_them_with_their_tree()
    {
        var post = await SendAsync(HttpMethod.Post, "/api/v1/content", _adminKey,
            """{"kind":"blog_post","title":"Generate SDKs in CI","urls":["https://example.com/blog/sdks"],"channel":"blog","party":"first_party","tags":["Python"],"effortHours":6}""");
        var copy = await SendAsync(HttpMethod.Post, "/api/v1/content", _adminKey,
            """{"kind":"blog_post","title":"Generate SDKs in CI","urls":["https://dev.to/jim/sdks"],"channel":"dev.to","parentId":1,"reuse":"syndication"}""");
        var edited = await SendAsync(new HttpMethod("PATCH"), "/api/v1/content/2", _adminKey, """{"effortHours":0.5}""");

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal("/api/v1/content/1", post.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        using var list = JsonDocument.Parse(await _reader.GetStringAsync("/api/v1/content?channel=DEV.TO", Token));
        var item = Assert.Single(list.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(0.5, item.GetProperty("effortHours").GetDouble());
        Assert.Equal("https://dev.to/jim/sdks", item.GetProperty("url").GetString());
        using var detail = JsonDocument.Parse(await _reader.GetStringAsync("/api/v1/content/2", Token));
        Assert.Equal(1, detail.RootElement.GetProperty("tree").GetProperty("item").GetProperty("id").GetInt64());
        Assert.Equal(2, detail.RootElement.GetProperty("tree").GetProperty("children")[0].GetProperty("item").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Writing_without_an_admin_key_or_with_bad_fields_is_refused_with_problem_details()
    {
        var anonymous = await SendAsync(HttpMethod.Post, "/api/v1/content", key: null, """{"kind":"video","title":"x"}""");
        var ingestOnly = await SendAsync(HttpMethod.Post, "/api/v1/content", _ingestKey, """{"kind":"video","title":"x"}""");
        var noTitle = await SendAsync(HttpMethod.Post, "/api/v1/content", _adminKey, """{"kind":"video"}""");
        var missing = await _reader.GetAsync("/api/v1/content/9", Token);
        var badKind = await _reader.GetAsync("/api/v1/content?kind=novel", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ingestOnly.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Equal("a content item needs a title", await DetailAsync(noTitle));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("There is no content item 9.", await DetailAsync(missing));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal("application/problem+json", badKind.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _store.ListContentAsync((await _store.FindWorkspaceAsync("default", Token))!, Token));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _reader.Dispose();
        await _app.StopAsync(Token);
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":")));
        }

        return await _http.SendAsync(request, Token);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString();
}

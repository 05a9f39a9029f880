using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Core.ApiKeys;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Security;

/// <summary>Oversized and deeply nested JSON bodies are refused with problem details, and nothing is written.</summary>
public sealed class JsonRequestLimitTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _admin = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _admin = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "owner", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task A_json_body_over_one_mebibyte_is_413_problem_details_and_adds_nothing()
    {
        var padding = new string('x', 1024 * 1024);
        using var response = await PostWebhookAsync($$"""{"url":"https://hooks.example.com/","events":["*"],"note":"{{padding}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(await _store.ListWebhookSubscriptionsAsync(_workspace, Token));
    }

    [Fact]
    public async Task A_json_body_nested_deeper_than_32_levels_is_400_problem_details_and_adds_nothing()
    {
        var nested = new string('[', 40) + new string(']', 40);
        using var response = await PostWebhookAsync($$"""{"url":"https://hooks.example.com/","events":["*"],"note":{{nested}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(await _store.ListWebhookSubscriptionsAsync(_workspace, Token));
    }

    [Fact]
    public async Task A_body_within_the_limits_is_read()
    {
        var nested = new string('[', 20) + new string(']', 20);
        using var response = await PostWebhookAsync($$"""{"url":"https://hooks.example.com/","events":["*"],"note":{{nested}}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["https://hooks.example.com/"], (await _store.ListWebhookSubscriptionsAsync(_workspace, Token)).Select(hook => hook.Url));
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);
        return await _http.SendAsync(request, Token);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}

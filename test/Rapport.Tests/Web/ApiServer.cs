using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Configuration;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary>
/// The HTTP API tests' one setup: <c>rapport serve</c>'s web host on Kestrel (127.0.0.1, a free port) over a fresh DuckDB
/// file, with a read, an admin and an ingest key of the default workspace, and requests that carry one of them.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory;
    private readonly WebApplication _app;

    private ApiServer(TemporaryDirectory directory, IRapportStore store, Workspace workspace, WebApplication app, string readKey, string adminKey, string ingestKey)
    {
        (_directory, Store, Workspace, _app, ReadKey, AdminKey, IngestKey) = (directory, store, workspace, app, readKey, adminKey, ingestKey);
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public IRapportStore Store { get; }

    public Workspace Workspace { get; }

    public string ReadKey { get; }

    public string AdminKey { get; }

    public string IngestKey { get; }

    /// <summary>A client without credentials; <see cref="SendAsync"/> adds a key per request.</summary>
    public HttpClient Http { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="settings">The server's settings (limits, <c>Security:AllowPrivateNetworkUrls</c>); the defaults when not given.</param>
    public static async Task<ApiServer> StartAsync(string workspaceSlug = Workspace.DefaultSlug, TimeProvider? clock = null, RapportSettings? settings = null)
    {
        var directory = new TemporaryDirectory();
        var store = RapportStore.Open(directory.File("rapport.duckdb"), clock ?? TimeProvider.System);
        var workspace = await store.GetOrCreateWorkspaceAsync(workspaceSlug, Token);
        var readKey = (await store.CreateApiKeyAsync(workspace, ApiKeyScope.Read, "reports", Token)).Plaintext;
        var adminKey = (await store.CreateApiKeyAsync(workspace, ApiKeyScope.Admin, "devrel", Token)).Plaintext;
        var ingestKey = (await store.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "site", Token)).Plaintext;
        var app = RapportWebHost.Build(store, workspaceSlug, "http://127.0.0.1:0", clock ?? TimeProvider.System, settings);
        await app.StartAsync(Token);
        return new ApiServer(directory, store, workspace, app, readKey, adminKey, ingestKey);
    }

    /// <summary>Imports Segment messages, one JSON object a line, as <c>rapport import segment</c> does.</summary>
    public Task ImportAsync(string jsonLines) =>
        new SegmentImport(Store, TimeProvider.System).ImportAsync(
            Workspace, new MemoryStream(Encoding.UTF8.GetBytes(jsonLines)), "traffic.jsonl", skipInvalid: false, cancellationToken: Token);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        return await Http.SendAsync(request, Token);
    }

    /// <summary>Sends <paramref name="body"/> serialized as JSON.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? key, object? body) =>
        SendAsync(method, path, key, body is null ? null : JsonSerializer.Serialize(body));

    /// <summary>Signs a dashboard user in (their password is <see cref="ApiSession.Password"/>); null when refused.</summary>
    public Task<ApiSession?> SignInAsync(string email) => ApiSession.SignInAsync(Http.BaseAddress!, email);

    public Task<HttpResponseMessage> GetAsync(string path, string? key = null) => SendAsync(HttpMethod.Get, path, key ?? ReadKey);

    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));

    /// <summary>The <c>detail</c> of a problem-details answer.</summary>
    public static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var problem = await JsonAsync(response);
        return problem.RootElement.GetProperty("detail").GetString();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(Token);
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}

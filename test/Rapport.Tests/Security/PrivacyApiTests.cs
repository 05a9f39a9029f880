using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Core.ApiKeys;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Security;

/// <summary>Export, erasure and the audit log over real HTTP, on a real DuckDB file.</summary>
public sealed class PrivacyApiTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _admin = "";
    private string _read = "";
    private string _ingest = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _admin = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "owner", Token)).Plaintext;
        _read = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Read, "reports", Token)).Plaintext;
        _ingest = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Ingest, "website", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        using var sent = await SendAsync(HttpMethod.Post, "/v1/batch", _ingest, """
            {"batch":[
              {"type":"identify","messageId":"a0","userId":"ada","traits":{"email":"ada@analytical.io","name":"Ada Lovelace"},"timestamp":"2026-03-01T09:00:00Z"},
              {"type":"track","messageId":"a1","userId":"ada","event":"API Called","timestamp":"2026-03-01T10:00:00Z"},
              {"type":"track","messageId":"g1","userId":"grace","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}]}
            """);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task An_owner_exports_and_erases_a_developer_and_a_late_event_for_them_is_dropped()
    {
        using var export = await SendAsync(HttpMethod.Get, "/api/v1/members/email:ada@analytical.io/export", _admin);
        using var refused = await SendAsync(HttpMethod.Delete, "/api/v1/members/user:ada", _read);
        using var erased = await SendAsync(HttpMethod.Delete, "/api/v1/members/user:ada", _admin);
        using var late = await SendAsync(HttpMethod.Post, "/v1/track", _ingest,
            """{"type":"track","messageId":"a2","userId":"ada","event":"API Called","timestamp":"2026-03-02T10:00:00Z"}""");
        using var gone = await SendAsync(HttpMethod.Get, "/api/v1/members/user:ada", _read);
        using var audit = await SendAsync(HttpMethod.Get, "/api/v1/audit", _admin);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using (var exported = JsonDocument.Parse(await export.Content.ReadAsStringAsync(Token)))
        {
            var tables = exported.RootElement.GetProperty("tables");
            Assert.Equal(["email:ada@analytical.io", "user:ada"],
                tables.GetProperty("identities").EnumerateArray().Select(row => $"{row.GetProperty("kind").GetString()}:{row.GetProperty("value").GetString()}").Order(StringComparer.Ordinal));
            Assert.Equal("API Called", tables.GetProperty("activities")[0].GetProperty("type").GetString());
        }

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        using (var erasure = JsonDocument.Parse(await erased.Content.ReadAsStringAsync(Token)))
        {
            Assert.Equal(2, erasure.RootElement.GetProperty("identitiesSuppressed").GetInt32());
        }

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(await _store.FindMemberAsync(_workspace, Identity.Parse("user:ada"), Token));
        Assert.Equal(1, (await _store.GetStatsAsync(_workspace, Token)).Developers);
        using var entries = JsonDocument.Parse(await audit.Content.ReadAsStringAsync(Token));
        var entry = Assert.Single(entries.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("member.erased", entry.GetProperty("action").GetString());
        Assert.StartsWith("key:rpk_", entry.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ada", await audit.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_change_over_the_API_is_in_the_audit_log_and_reads_are_not()
    {
        using var added = await SendAsync(HttpMethod.Post, "/api/v1/content", _admin, """{"kind":"blog_post","title":"Audited","urls":["https://example.com/a"]}""");
        using var listed = await SendAsync(HttpMethod.Get, "/api/v1/content", _admin);
        using var failed = await SendAsync(HttpMethod.Post, "/api/v1/content", _admin, """{"kind":"blog_post"}""");
        using var readerAudit = await SendAsync(HttpMethod.Get, "/api/v1/audit", _read);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.BadRequest), (added.StatusCode, listed.StatusCode, failed.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, readerAudit.StatusCode);
        var entry = Assert.Single(await _store.ListAuditEntriesAsync(_workspace, 10, Token));
        Assert.Equal(("AddContent", "POST /api/v1/content"), (entry.Action, entry.Target));
        Assert.Equal($"key:{_admin[..12]}", entry.Actor);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

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

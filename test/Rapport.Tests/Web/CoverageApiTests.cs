using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Core.Content;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary><c>/api/v1/coverage</c> and <c>/api/v1/reports/coverage</c> through real Kestrel with API keys.</summary>
public sealed class CoverageApiTests : IAsyncLifetime
{
    private const string Traffic =
        """
        {"type":"identify","messageId":"i1","userId":"ada","traits":{"cloud":"azure"},"timestamp":"2026-03-02T10:00:00Z"}
        {"type":"identify","messageId":"i2","userId":"bob","traits":{"cloud":"azure"},"timestamp":"2026-03-02T10:00:00Z"}
        {"type":"track","messageId":"t3","userId":"cy","event":"API Called","properties":{"cloud":"aws"},"timestamp":"2026-03-04T10:00:00Z"}

        """;

    private const string Dimensions = """{"dimensions": {"cloud": {"aws": ["amazon"], "azure": []}}}""";

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _read = "";
    private string _admin = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        var workspace = await _store.GetOrCreateWorkspaceAsync("acme", Token);
        using (var file = new MemoryStream(Encoding.UTF8.GetBytes(Traffic)))
        {
            await new SegmentImport(_store, TimeProvider.System).ImportAsync(workspace, file, "traffic.jsonl", skipInvalid: false, cancellationToken: Token);
        }

        await _store.AddContentAsync(workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "S3 uploads", Tags = ["aws"] }, Token);
        _read = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Read, "dashboard", Token)).Plaintext;
        _admin = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Admin, "ops", Token)).Plaintext;
        _app = RapportWebHost.Build(_store, "acme", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [Fact]
    public async Task An_admin_key_sets_the_dimensions_and_a_read_key_reads_the_matrix()
    {
        using var refused = await SendAsync(HttpMethod.Put, "/api/v1/coverage", _read, Dimensions);
        using var bad = await SendAsync(HttpMethod.Put, "/api/v1/coverage", _admin, "{\"dimensions\": {\n\"cloud\": {\"aws\": [\"Amazon Web Services\"]}}}");
        using var set = await SendAsync(HttpMethod.Put, "/api/v1/coverage", _admin, Dimensions);
        using var shown = await SendAsync(HttpMethod.Get, "/api/v1/coverage", _read);
        using var report = await SendAsync(HttpMethod.Get, "/api/v1/reports/coverage", _read);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var problem = await JsonAsync(bad))
        {
            Assert.Equal(
                "line 2: a synonym in the synonyms of \"aws\" is 1 to 64 ASCII letters, digits and . _ + # - (not \"Amazon Web Services\")",
                problem.RootElement.GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using (var dimensions = await JsonAsync(shown))
        {
            Assert.Equal(["amazon"], dimensions.RootElement.GetProperty("dimensions").GetProperty("cloud").GetProperty("aws").EnumerateArray()
                .Select(synonym => synonym.GetString()));
        }

        // Developers: azure Ada and Bob, aws Cy (2/3 and 1/3 of 3); no questions, so demand is the developer share.
        // Content: aws 1 of 1. Azure: 2/3 of demand, no supply: under-served; aws: 1/3 of demand, all of supply.
        using var matrix = await JsonAsync(report);
        var cells = matrix.RootElement.GetProperty("dimensions")[0].GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal([("aws", 1, 1, false), ("azure", 0, 2, true)], cells.Select(cell => (
            cell.GetProperty("value").GetString(), cell.GetProperty("contentItems").GetInt32(), cell.GetProperty("developers").GetInt32(),
            cell.GetProperty("underServed").GetBoolean())));
        Assert.Equal(
            "cloud azure: 2 developers use it (67% of demand), but we have no content for it (0% of supply; 1 item for aws)",
            matrix.RootElement.GetProperty("underServed")[0].GetProperty("reason").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request, Token);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary>Every list endpoint answers CSV on <c>?format=csv</c> or <c>Accept: text/csv</c>, with the JSON answer's columns.</summary>
public sealed class CsvListTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        var workspace = await _store.GetOrCreateWorkspaceAsync("default", TestContext.Current.CancellationToken);
        await using (var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl")))
        {
            await new SegmentImport(_store, TimeProvider.System)
                .ImportAsync(workspace, file, "journey.jsonl", skipInvalid: false, cancellationToken: TestContext.Current.CancellationToken);
        }

        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        // The lists are for the team: a read key, as a script that exports them would use.
        var key = await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Read, "exports", TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Plaintext);
    }

    [Fact]
    public async Task Format_csv_answers_the_json_list_as_rows_with_its_property_names_as_columns()
    {
        var json = JsonDocument.Parse(await _http.GetStringAsync("/api/v1/organizations", TestContext.Current.CancellationToken));
        var response = await _http.GetAsync("/api/v1/organizations?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var organizations = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(organizations.Count + 1, lines.Length);
        Assert.Equal(string.Join(',', organizations[0].EnumerateObject().Select(property => property.Name)), lines[0]);
        Assert.StartsWith("Analytical Engines,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_text_csv_answers_the_same_bytes_as_format_csv()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/channels");
        request.Headers.Accept.ParseAdd("text/csv");

        var byHeader = await (await _http.SendAsync(request, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var byQuery = await _http.GetStringAsync("/api/v1/reports/channels?format=csv", TestContext.Current.CancellationToken);

        Assert.Equal(byQuery, byHeader);
        Assert.StartsWith("contentId,title,kind,channel,items,views,", byQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_problem_details_400()
    {
        var response = await _http.GetAsync("/api/v1/organizations?format=xml", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("'format' must be json or csv, not 'xml'", problem.RootElement.GetProperty("detail").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}

using System.Net;

namespace Rapport.Tests.Web;

/// <summary>Every list endpoint answers CSV on <c>?format=csv</c> or <c>Accept: text/csv</c>, with the JSON answer's columns.</summary>
public sealed class CsvListTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The lists are for the team: the fixture's read key, as a script that exports them would use.
    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl"), Token));
    }

    [Fact]
    public async Task Format_csv_answers_the_json_list_as_rows_with_its_property_names_as_columns()
    {
        using var json = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/organizations"));
        using var response = await _server.GetAsync("/api/v1/organizations?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Token)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var organizations = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(organizations.Count + 1, lines.Length);
        Assert.Equal(string.Join(',', organizations[0].EnumerateObject().Select(property => property.Name)), lines[0]);
        Assert.StartsWith("Analytical Engines,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_text_csv_answers_the_same_bytes_as_format_csv()
    {
        using var header = await _server.SendAsync(HttpMethod.Get, "/api/v1/reports/channels", _server.ReadKey, configure: request => request.Headers.Accept.ParseAdd("text/csv"));
        using var query = await _server.GetAsync("/api/v1/reports/channels?format=csv");
        var (byHeader, byQuery) = (await header.Content.ReadAsStringAsync(Token), await query.Content.ReadAsStringAsync(Token));

        Assert.Equal(byQuery, byHeader);
        Assert.StartsWith("contentId,title,kind,channel,items,views,", byQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_format_is_a_problem_details_400()
    {
        using var response = await _server.GetAsync("/api/v1/organizations?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("'format' must be json or csv, not 'xml'", await ApiServer.DetailAsync(response));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

using System.Net;
using System.Text.Json;

namespace Rapport.Tests.Web;

/// <summary>The HTTP API through real Kestrel on 127.0.0.1, over a real DuckDB file.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl"), Token));
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var response = await _server.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task Funnel_answers_the_same_json_as_the_command_line()
    {
        using var funnel = await GetJsonAsync("/api/v1/reports/funnel");

        var stages = funnel.RootElement.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(["discover", "evaluate", "learn", "build", "scale"], stages.Select(s => s.GetProperty("stage").GetString()!).ToArray());
        Assert.Equal([4L, 3, 2, 2, 1], stages.Select(s => s.GetProperty("developers").GetInt64()).ToArray());
        Assert.Equal(JsonValueKind.Null, stages[0].GetProperty("conversion").ValueKind);
        Assert.Equal(0.75, stages[1].GetProperty("conversion").GetDouble());
        Assert.Equal(2.0, stages[1].GetProperty("medianDaysFromPrevious").GetDouble());
        Assert.Equal(1.0, stages[2].GetProperty("medianDaysFromPrevious").GetDouble());

        var fromStore = await _server.Store.GetFunnelAsync(_server.Workspace, Core.Reports.DateRange.All, Token);
        Assert.Equal(JsonSerializer.Serialize(fromStore, Core.RapportJson.Options), funnel.RootElement.GetRawText());
    }

    [Fact]
    public async Task Funnel_filters_by_first_activity_date()
    {
        using var funnel = await GetJsonAsync("/api/v1/reports/funnel?from=2026-02-01&to=2026-02-28");

        var stages = funnel.RootElement.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal([2L, 1, 1, 1, 1], stages.Select(s => s.GetProperty("developers").GetInt64()).ToArray());
    }

    [Fact]
    public async Task An_unparsable_date_is_a_problem_details_400_naming_the_parameter()
    {
        var problem = await GetProblemAsync("/api/v1/reports/funnel?from=yesterday", HttpStatusCode.BadRequest);

        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("'from' must be a date", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_found_by_any_identity_in_any_case()
    {
        using var member = await GetJsonAsync("/api/v1/members/email:ADA@example.com");

        Assert.Equal("Ada Lovelace", member.RootElement.GetProperty("name").GetString());
        Assert.Equal("build", member.RootElement.GetProperty("stage").GetString());
        Assert.Equal(4, member.RootElement.GetProperty("activityCount").GetInt64());
        Assert.Contains("user:ada", member.RootElement.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task An_unknown_member_is_a_problem_details_404()
    {
        using var problem = await GetProblemAsync("/api/v1/members/github:nobody", HttpStatusCode.NotFound);

        Assert.Equal("No developer has the identity github:nobody.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_identity_without_a_kind_is_a_problem_details_400()
    {
        using var problem = await GetProblemAsync("/api/v1/members/octocat", HttpStatusCode.BadRequest);

        Assert.Contains("write it as kind:value", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_naming_another_workspace_is_a_problem_details_403()
    {
        using var problem = await GetProblemAsync("/api/v1/reports/funnel?workspace=elsewhere", HttpStatusCode.Forbidden);

        Assert.EndsWith("belongs to the workspace 'default', not 'elsewhere'.", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_details_404()
    {
        using var problem = await GetProblemAsync("/api/v1/nothing-here", HttpStatusCode.NotFound);

        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<JsonDocument> GetProblemAsync(string path, HttpStatusCode status)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
    }
}

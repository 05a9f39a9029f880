using System.Net;
using System.Text.Json;
using Rapport.Core;
using Rapport.Core.Icps;

namespace Rapport.Tests.Web;

/// <summary>
/// The last CLI capabilities the API lacked (<c>rapport stats</c>, <c>rapport links create|list</c>, <c>rapport icp refresh</c>)
/// through real Kestrel: the same store code answers, so the same data gives the same JSON.
/// </summary>
public sealed class CliParityApiTests : IAsyncLifetime
{
    private const string Traffic =
        """
        {"type":"track","userId":"ada","event":"Docs Viewed","messageId":"1","timestamp":"2026-03-05T10:00:00Z"}
        {"type":"track","userId":"ada","event":"Tutorial Finished","messageId":"2","timestamp":"2026-03-06T10:00:00Z"}
        {"type":"track","anonymousId":"anon-1","event":"Docs Viewed","messageId":"3","timestamp":"2026-03-07T12:30:00Z"}

        """;

    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync(Traffic);
    }

    [Fact]
    public async Task Stats_answer_the_counts_rapport_stats_json_prints()
    {
        using var response = await _server.GetAsync("/api/v1/stats");
        var body = await response.Content.ReadAsStringAsync(Token);
        using var stats = JsonDocument.Parse(body);
        var root = stats.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2L, 1L, 1L, 3L), (
            root.GetProperty("developers").GetInt64(), root.GetProperty("identifiedDevelopers").GetInt64(),
            root.GetProperty("anonymousDevelopers").GetInt64(), root.GetProperty("activities").GetInt64()));
        Assert.Equal(
            [("Docs Viewed", 2L), ("Tutorial Finished", 1L)],
            root.GetProperty("topActivityTypes").EnumerateArray().Select(type => (type.GetProperty("type").GetString(), type.GetProperty("count").GetInt64())));
        Assert.Equal(("2026-03-05T10:00:00Z", "2026-03-07T12:30:00Z"), (root.GetProperty("firstActivity").GetString(), root.GetProperty("lastActivity").GetString()));
        // rapport stats --json writes the store's answer with RapportJson (JsonOutput.Write): the API's body is the same document.
        var cli = JsonSerializer.Serialize(await _server.Store.GetStatsAsync(_server.Workspace, Token), RapportJson.Indented);
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(cli)), JsonSerializer.Serialize(stats));
    }

    [Fact]
    public async Task An_admin_key_creates_a_link_that_the_list_shows_with_its_slug_and_a_read_key_cannot()
    {
        using var byReader = await _server.SendJsonAsync(HttpMethod.Post, "/api/v1/links", _server.ReadKey, new { destination = "https://example.com/docs" });
        using var badUrl = await _server.SendJsonAsync(HttpMethod.Post, "/api/v1/links", _server.AdminKey, new { destination = "ftp://example.com/docs" });
        using var noContent = await _server.SendJsonAsync(HttpMethod.Post, "/api/v1/links", _server.AdminKey, new { destination = "https://example.com/docs", contentId = 42 });
        using var created = await _server.SendJsonAsync(
            HttpMethod.Post, "/api/v1/links", _server.AdminKey, new { destination = "https://example.com/docs", channel = " Dev.to ", campaign = "launch" });
        using var link = await ApiServer.JsonAsync(created);
        var slug = link.RootElement.GetProperty("slug").GetString()!;
        using var list = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/links"));
        using var csv = await _server.GetAsync("/api/v1/links?format=csv");
        var csvText = await csv.Content.ReadAsStringAsync(Token);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (byReader.StatusCode, badUrl.StatusCode, noContent.StatusCode));
        Assert.Equal("'ftp://example.com/docs' is not an http or https address to link to", await ApiServer.DetailAsync(badUrl));
        Assert.Equal("there is no content item 42 to place the link in", await ApiServer.DetailAsync(noContent));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{_server.Http.BaseAddress!.ToString().TrimEnd('/')}/l/{slug}", link.RootElement.GetProperty("url").GetString());
        Assert.Equal(link.RootElement.GetProperty("url").GetString(), created.Headers.Location!.ToString());
        Assert.Equal(("dev.to", "launch"), (link.RootElement.GetProperty("channel").GetString(), link.RootElement.GetProperty("campaign").GetString()));
        Assert.Equal(
            [(slug, "https://example.com/docs", "dev.to")],
            list.RootElement.GetProperty("items").EnumerateArray()
                .Select(item => (item.GetProperty("slug").GetString(), item.GetProperty("destination").GetString(), item.GetProperty("channel").GetString())));
        Assert.Equal(JsonValueKind.Null, list.RootElement.GetProperty("next").ValueKind);
        Assert.Equal([slug], (await _server.Store.ListLinksAsync(_server.Workspace, Token)).Select(stored => stored.Slug));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Contains($"{slug},", csvText, StringComparison.Ordinal);
        Assert.Contains("https://example.com/docs", csvText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_refreshes_icp_membership_after_new_activity_and_a_read_key_cannot()
    {
        await _server.Store.SetIcpsAsync(_server.Workspace, IcpSet.Parse("""{"icps": [{"name": "builders", "rule": {"activity": "Tutorial Finished"}}]}"""), Token);
        await _server.ImportAsync("""{"type":"track","userId":"bob","event":"Tutorial Finished","messageId":"4","timestamp":"2026-03-08T09:00:00Z"}""");

        using var byReader = await _server.SendAsync(HttpMethod.Post, "/api/v1/icps/refresh", _server.ReadKey);
        using var refreshed = await _server.SendAsync(HttpMethod.Post, "/api/v1/icps/refresh", _server.AdminKey);
        using var refresh = await ApiServer.JsonAsync(refreshed);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (byReader.StatusCode, refreshed.StatusCode));
        Assert.Equal(3, refresh.RootElement.GetProperty("membersEvaluated").GetInt64());
        Assert.Equal(2, refresh.RootElement.GetProperty("members").GetProperty("builders").GetInt64());
        Assert.Equal(2, (await _server.Store.GetIcpSummaryAsync(_server.Workspace, Token)).Coverage.Single().Members);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

using System.Net;
using System.Text;
using System.Text.Json;
using Rapport.Tests.Web;

namespace Rapport.Tests.Events;

/// <summary>Events, their report and ICPs over real HTTP (Kestrel on 127.0.0.1) and a real DuckDB file.</summary>
public sealed class EventApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync();

    [Fact]
    public async Task An_admin_key_adds_and_edits_events_and_a_read_key_reads_them_and_their_report()
    {
        var added = await SendAsync(HttpMethod.Post, "/api/v1/events", _server.AdminKey,
            """{"name":"SDKs in CI, live","kind":"webinar","format":"online","startsOn":"2026-03-12","reportedAudience":400,"costs":[{"category":"other","amount":200,"currency":"usd"}],"effortHours":4,"audienceTags":["python"]}""");
        var edited = await SendAsync(HttpMethod.Patch, "/api/v1/events/1", _server.AdminKey, """{"location":"YouTube"}""");
        var readOnly = await SendAsync(HttpMethod.Post, "/api/v1/events", _server.ReadKey, """{"name":"x","kind":"meetup","format":"online","startsOn":"2026-03-12"}""");
        var list = await SendAsync(HttpMethod.Get, "/api/v1/events", _server.ReadKey, null);
        var report = await SendAsync(HttpMethod.Get, "/api/v1/reports/events", _server.ReadKey, null);
        var detail = await SendAsync(HttpMethod.Get, "/api/v1/events/1", _server.ReadKey, null);
        var missing = await SendAsync(HttpMethod.Get, "/api/v1/events/9", _server.ReadKey, null);
        var anonymous = await _server.Http.GetAsync("/api/v1/reports/events", Token);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/api/v1/events/1", added.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        using var events = JsonDocument.Parse(await list.Content.ReadAsStringAsync(Token));
        var webinar = Assert.Single(events.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(("YouTube", "online", "USD"), (webinar.GetProperty("location").GetString(), webinar.GetProperty("format").GetString(),
            webinar.GetProperty("costs")[0].GetProperty("currency").GetString()));
        using var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync(Token));
        var online = json.RootElement.GetProperty("formats")[0];
        // 400 reached in 4 hours, for 200 USD: 100 an hour and 2,000 per 1,000 USD.
        Assert.Equal((100d, 2000d), (online.GetProperty("reachPerEffortHour").GetDouble(), online.GetProperty("costs")[0].GetProperty("reachPerThousand").GetDouble()));
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Bad_fields_and_a_bad_ICP_file_are_refused_with_problem_details_and_nothing_is_stored()
    {
        var noStart = await SendAsync(HttpMethod.Post, "/api/v1/events", _server.AdminKey, """{"name":"x","kind":"meetup","format":"online"}""");
        var badCost = await SendAsync(HttpMethod.Post, "/api/v1/events", _server.AdminKey,
            """{"name":"x","kind":"meetup","format":"online","startsOn":"2026-03-12","costs":[{"category":"other","amount":5,"currency":"euros"}]}""");
        var badIcp = await SendAsync(HttpMethod.Put, "/api/v1/icps", _server.AdminKey, "{\"icps\": [\n {\"name\": \"x\"}\n]}");
        var byReader = await SendAsync(HttpMethod.Put, "/api/v1/icps", _server.ReadKey, """{"icps": []}""");

        Assert.Equal((HttpStatusCode.BadRequest, "an event needs the date it starts on"), (noStart.StatusCode, await DetailAsync(noStart)));
        Assert.Equal((HttpStatusCode.BadRequest, "'euros' is not a currency code; write three letters as ISO 4217 does (EUR, USD, GBP)"),
            (badCost.StatusCode, await DetailAsync(badCost)));
        Assert.Equal((HttpStatusCode.BadRequest, "line 2: the ICP \"x\" has no \"rule\""), (badIcp.StatusCode, await DetailAsync(badIcp)));
        Assert.Equal("application/problem+json", badIcp.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Empty(await _server.Store.ListEventsAsync(_server.Workspace, Token));
        Assert.Empty((await _server.Store.GetIcpsAsync(_server.Workspace, Token)).Definitions);
    }

    [Fact]
    public async Task ICPs_set_over_HTTP_filter_the_funnel_by_icp()
    {
        await using (var session = await _server.Store.BeginIngestAsync(_server.Workspace, Token))
        {
            await session.AddAsync(
            [
                Segment("""{"type":"track","messageId":"1","userId":"ada","event":"API Called","timestamp":"2026-03-01T00:00:00Z","context":{"traits":{"role":"sre"}}}"""),
                Segment("""{"type":"track","messageId":"2","userId":"bob","event":"Signed Up","timestamp":"2026-03-01T00:00:00Z"}"""),
            ], Token);
            await session.CommitAsync(Token);
        }

        var set = await SendAsync(HttpMethod.Put, "/api/v1/icps", _server.AdminKey, """{"icps": [{"name": "sres", "rule": {"trait": "role", "equals": "sre"}}]}""");
        var icps = await SendAsync(HttpMethod.Get, "/api/v1/icps", _server.ReadKey, null);
        using var funnel = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/v1/reports/funnel?icp=sres", _server.ReadKey, null)).Content.ReadAsStringAsync(Token));
        var unknown = await SendAsync(HttpMethod.Get, "/api/v1/reports/funnel?icp=nobody", _server.ReadKey, null);
        await _server.Store.RefreshCommunityAsync(_server.Workspace, new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), Token);
        using var levels = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/v1/reports/levels?icp=sres", _server.ReadKey, null)).Content.ReadAsStringAsync(Token));
        var unknownLevels = await SendAsync(HttpMethod.Get, "/api/v1/reports/levels?icp=nobody", _server.ReadKey, null);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var summary = JsonDocument.Parse(await icps.Content.ReadAsStringAsync(Token));
        Assert.Equal(1, summary.RootElement.GetProperty("coverage")[0].GetProperty("members").GetInt64());
        Assert.Equal("sres", summary.RootElement.GetProperty("definition").GetProperty("icps")[0].GetProperty("name").GetString());
        Assert.Equal([1L, 1, 1, 1, 0], funnel.RootElement.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("developers").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("there is no ICP 'nobody'; the ICPs are sres", await DetailAsync(unknown));
        // Ada alone is an SRE: the level report for the ICP counts one member, at whatever level she holds.
        var current = levels.RootElement.GetProperty("current");
        Assert.Equal(1, current.GetProperty("passive").GetInt64() + current.GetProperty("active").GetInt64() + current.GetProperty("hero").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, unknownLevels.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static Core.Ingest.IngestMessage Segment(string json) =>
        Connectors.Segment.SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body) => _server.SendAsync(method, path, key, body);

    private static Task<string?> DetailAsync(HttpResponseMessage response) => ApiServer.DetailAsync(response);
}

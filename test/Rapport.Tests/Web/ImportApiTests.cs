using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rapport.Configuration;
using Rapport.Core;
using Rapport.Core.Events;
using Rapport.Storage;

namespace Rapport.Tests.Web;

/// <summary>
/// The file imports over HTTP (<c>/api/v1/imports/…</c>, an event's attendees) through real Kestrel: each stores what
/// <c>rapport import</c> stores for the same file, a bad line stores nothing and answers its line, <c>skipInvalid</c>
/// lists it, and the body's type, size and the caller's key are checked before anything is read.
/// </summary>
public sealed class ImportApiTests : IAsyncLifetime
{
    /// <summary>Eventbrite's columns, as in EventCommandTests: four registered, three checked in (Dan walked in).</summary>
    private const string Guests = """
        Order Date,First Name,Last Name,Email,Company,Checked In
        2026-03-01,Ada,Lovelace,ada@example.com,"Analytical Engines, Ltd",Yes
        2026-03-02,Bob,Builder,bob@example.com,,Yes
        2026-03-01,Cyd,Charisse,cyd@example.com,,No
        ,Dan,Dev,dan@example.com,Acme,Yes
        """;

    private const string Tickets = """
        Ticket ID,Subject,Description,Requester Email,Created At,First Response At
        1,Rotate a key?,How?,ada@example.com,2026-03-01T10:00:00Z,2026-03-01T12:00:00Z
        2,Retry?,Does it?,grace@example.com,2026-03-02T10:00:00Z,
        3,Hello,Hi,ken@example.com,2026-03-03T10:00:00Z,
        """;

    private readonly TemporaryDirectory _directory = new();
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_attendee_list_registers_and_checks_in_as_the_dashboard_upload_does_and_only_once()
    {
        var meetup = await AddMeetupAsync();

        using var first = await UploadAsync($"/api/v1/events/{meetup}/attendees", Guests, "text/csv");
        using var again = await UploadAsync($"/api/v1/events/{meetup}/attendees", Guests, "text/csv");
        using var report = await _server.GetAsync("/api/v1/reports/events");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(
            $$"""{"eventId":{{meetup}},"rows":4,"registered":4,"checkedIn":3,"activitiesStored":7,"duplicatesSkipped":0,"membersCreated":4,"rowsRejected":0,"rejected":[]}""",
            await first.Content.ReadAsStringAsync(Token));
        using var repeated = await ApiServer.JsonAsync(again);
        Assert.Equal((0, 7), (repeated.RootElement.GetProperty("activitiesStored").GetInt64(), repeated.RootElement.GetProperty("duplicatesSkipped").GetInt64()));
        using var events = await ApiServer.JsonAsync(report);
        var row = events.RootElement.GetProperty("events")[0];
        Assert.Equal((4L, 3L), (row.GetProperty("registered").GetInt64(), row.GetProperty("attended").GetInt64()));
    }

    [Fact]
    public async Task A_bad_attendee_row_is_answered_with_its_line_and_nothing_is_stored_unless_invalid_rows_are_skipped()
    {
        var meetup = await AddMeetupAsync();
        const string bad = "Email,Checked In\nada@example.com,yes\n,yes\n";

        using var refused = await UploadAsync($"/api/v1/events/{meetup}/attendees", bad, "text/csv");
        var developersAfterRefusal = (await _server.Store.GetStatsAsync(_server.Workspace, Token)).Developers;
        using var skipped = await UploadAsync($"/api/v1/events/{meetup}/attendees?skipInvalid=true", bad, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = await ApiServer.JsonAsync(refused);
        Assert.Equal(3, problem.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("line 3: the email is empty: the attendee cannot be matched to a developer", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(0, developersAfterRefusal);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        using var result = await ApiServer.JsonAsync(skipped);
        Assert.Equal((2, 1, 1, 1), (result.RootElement.GetProperty("rows").GetInt32(), result.RootElement.GetProperty("registered").GetInt32(),
            result.RootElement.GetProperty("checkedIn").GetInt32(), result.RootElement.GetProperty("rowsRejected").GetInt32()));
        Assert.Equal("""[{"line":3,"reason":"the email is empty: the attendee cannot be matched to a developer"}]""",
            result.RootElement.GetProperty("rejected").GetRawText());
        Assert.Equal(1, (await _server.Store.GetStatsAsync(_server.Workspace, Token)).Developers);
    }

    [Fact]
    public async Task Column_overrides_are_named_like_the_command_line_option_and_an_unknown_event_is_not_found()
    {
        var meetup = await AddMeetupAsync();
        const string renamed = "Attendee Email,Came\nada@example.com,yes\nbob@example.com,no\n";

        using var mapped = await UploadAsync(
            $"/api/v1/events/{meetup}/attendees?column={Uri.EscapeDataString("email=Attendee Email")}&column={Uri.EscapeDataString("checked_in=Came")}", renamed, "text/csv");
        using var unknownField = await UploadAsync($"/api/v1/events/{meetup}/attendees?column=shoe=Came", renamed, "text/csv");
        using var missing = await UploadAsync("/api/v1/events/99/attendees", renamed, "text/csv");

        using var result = await ApiServer.JsonAsync(mapped);
        Assert.Equal((2, 1), (result.RootElement.GetProperty("registered").GetInt32(), result.RootElement.GetProperty("checkedIn").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal("column shoe=Came: unknown field 'shoe'; fields are " + Connectors.Events.AttendeeCsvColumns.FieldNames, await ApiServer.DetailAsync(unknownField));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Questions_over_http_store_what_the_command_line_stores_for_the_same_file()
    {
        var file = _directory.File("tickets.csv");
        await File.WriteAllTextAsync(file, Tickets, Token);
        var cliDb = _directory.File("cli.duckdb");
        var cli = await RapportProcess.RunAsync(_directory.Path, "--db", cliDb, "import", "questions", file, "--channel", "zendesk");

        using var response = await UploadAsync("/api/v1/imports/questions?channel=zendesk", Tickets, "text/csv");

        Assert.True(cli.ExitCode == 0, cli.Error);
        Assert.Equal(
            """{"rowsRead":3,"questionsStored":3,"duplicatesSkipped":0,"membersCreated":3,"membersMerged":0,"identitiesAdded":3,"rowsRejected":0,"rejected":[]}""",
            await response.Content.ReadAsStringAsync(Token));
        await using var cliStore = RapportStore.Open(cliDb, TimeProvider.System);
        var cliWorkspace = await cliStore.GetOrCreateWorkspaceAsync(_server.Workspace.Slug, Token);
        Assert.Equal(
            JsonSerializer.Serialize(await cliStore.GetStatsAsync(cliWorkspace, Token), RapportJson.Options),
            JsonSerializer.Serialize(await _server.Store.GetStatsAsync(_server.Workspace, Token), RapportJson.Options));
    }

    [Fact]
    public async Task Members_come_as_the_one_file_of_a_form_too()
    {
        using var form = new MultipartFormDataContent();
        using var file = new StringContent("email,name,company,tags\nada@example.com,Ada Lovelace,Acme,champion\ngrace@example.com,Grace Hopper,Navy,\n");
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "members.csv");

        using var response = await _server.SendAsync(HttpMethod.Post, "/api/v1/imports/members", _server.AdminKey, configure: request => request.Content = form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = await ApiServer.JsonAsync(response);
        Assert.Equal((2, 2, 2), (result.RootElement.GetProperty("rowsRead").GetInt32(), result.RootElement.GetProperty("rowsStored").GetInt32(),
            result.RootElement.GetProperty("developersCreated").GetInt32()));
        Assert.Equal(2, (await _server.Store.GetStatsAsync(_server.Workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_youtube_studio_export_answers_each_video_s_views_paid_and_engaged()
    {
        var export = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "youtube", "table-data.csv"), Token);

        using var response = await UploadAsync("/api/v1/imports/youtube", export, "text/csv");

        // 40,000 views, 38,500 of them ads; engaged at most: 6,416 of the ads, 900 + 400 + 33 organic (the connector's test works it).
        Assert.Equal(
            """{"rows":4,"videos":[{"videoId":"genaidemo01","title":"Build a chat app with Semantic Kernel","views":40000,"paidViews":38500,"engagedViewsAtMost":7749}]}""",
            await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task An_access_log_is_counted_per_page_and_a_line_it_cannot_read_stores_nothing()
    {
        const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0";
        var log = string.Join('\n',
            $"203.0.113.5 - - [02/Mar/2026:10:00:00 +0000] \"GET /blog/sdks-in-ci HTTP/1.1\" 200 5120 \"https://dzone.com/\" \"{Firefox}\"",
            $"203.0.113.5 - - [02/Mar/2026:10:01:30 +0000] \"GET /docs HTTP/1.1\" 200 5120 \"-\" \"{Firefox}\"",
            "66.249.66.1 - - [02/Mar/2026:10:06:00 +0000] \"GET /blog/sdks-in-ci HTTP/1.1\" 200 5120 \"-\" \"Googlebot/2.1 (+http://www.google.com/bot.html)\"");

        using var broken = await UploadAsync("/api/v1/imports/access-log?site=https://example.com", log + "\ngarbage\n", "text/plain");
        using var badSite = await UploadAsync("/api/v1/imports/access-log?site=ftp://example.com", log, "text/plain");
        using var imported = await UploadAsync("/api/v1/imports/access-log?site=https://example.com", log, "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        using var problem = await ApiServer.JsonAsync(broken);
        Assert.Equal(4, problem.RootElement.GetProperty("line").GetInt32());
        Assert.StartsWith("line 4: not in the Common or Combined Log Format", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("site 'ftp://example.com' is not an http or https address", await ApiServer.DetailAsync(badSite));
        using var result = await ApiServer.JsonAsync(imported);
        Assert.Equal((3, 3, 2, 2), (result.RootElement.GetProperty("linesRead").GetInt32(), result.RootElement.GetProperty("pageViews").GetInt32(),
            result.RootElement.GetProperty("human").GetInt32(), result.RootElement.GetProperty("pagesByDays").GetInt32()));
    }

    [Fact]
    public async Task A_feed_sent_as_the_body_adds_its_entries_once_and_a_url_on_a_private_network_is_refused()
    {
        var atom = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "feeds", "heise.atom"), Token);

        using var first = await UploadAsync("/api/v1/imports/feed?party=third_party", atom, "application/atom+xml");
        using var again = await UploadAsync("/api/v1/imports/feed?party=third_party", atom, "application/atom+xml");
        using var privateUrl = await _server.SendAsync(HttpMethod.Post, "/api/v1/imports/feed", _server.AdminKey, """{"url":"http://127.0.0.1:9/feed.xml"}""");

        using var added = await ApiServer.JsonAsync(first);
        Assert.Equal(("atom", 15, 15), (added.RootElement.GetProperty("format").GetString(), added.RootElement.GetProperty("entries").GetInt32(),
            added.RootElement.GetProperty("added").GetInt32()));
        using var repeated = await ApiServer.JsonAsync(again);
        Assert.Equal((0, 15), (repeated.RootElement.GetProperty("added").GetInt32(), repeated.RootElement.GetProperty("unchanged").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, privateUrl.StatusCode);
        Assert.Contains("127.0.0.1", await ApiServer.DetailAsync(privateUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_server_that_fails_is_a_bad_gateway_naming_it_and_stores_nothing_while_a_page_that_is_no_feed_stays_a_bad_request()
    {
        await using var open = await ApiServer.StartAsync(settings: new RapportSettings { Security = { AllowPrivateNetworkUrls = true } });
        await using var upstream = await StartFeedServerAsync();
        var unavailable = $"{upstream.Urls.Single()}/feed.xml";
        var page = $"{upstream.Urls.Single()}/about.html";
        var closed = $"http://127.0.0.1:{ClosedPort()}/feed.xml";

        using var answered503 = await open.SendAsync(HttpMethod.Post, "/api/v1/imports/feed", open.AdminKey, JsonSerializer.Serialize(new { url = unavailable }));
        using var refused = await open.SendAsync(HttpMethod.Post, "/api/v1/imports/feed", open.AdminKey, JsonSerializer.Serialize(new { url = closed }));
        using var notAFeed = await open.SendAsync(HttpMethod.Post, "/api/v1/imports/feed", open.AdminKey, JsonSerializer.Serialize(new { url = page }));

        Assert.Equal((HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.BadRequest), (answered503.StatusCode, refused.StatusCode, notAFeed.StatusCode));
        var detail = $"{unavailable}: cannot fetch the feed: {unavailable} answered 503 Service Unavailable";
        Assert.Equal(detail, await ApiServer.DetailAsync(answered503));
        Assert.StartsWith($"{closed}: cannot fetch the feed: ", await ApiServer.DetailAsync(refused), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{new Uri(closed).Port}", await ApiServer.DetailAsync(refused), StringComparison.Ordinal);
        Assert.Empty(await open.Store.ListContentAsync(open.Workspace, Token));

        // The command line prints the same message for the same server.
        _directory.AllowPrivateNetworkUrls();
        var cli = await RapportProcess.RunAsync(_directory.Path, "--db", _directory.File("cli.duckdb"), "import", "feed", unavailable);
        Assert.NotEqual(0, cli.ExitCode);
        Assert.Contains(detail, cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_another_content_type_and_a_body_over_the_limit_are_refused_before_anything_is_stored()
    {
        await using var small = await ApiServer.StartAsync(settings: new RapportSettings { Import = { MaxUploadBytes = 1024 } });
        var large = "Ticket ID,Subject,Description,Requester Email,Created At,First Response At\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"{i},Subject {i},Body,dev{i}@example.com,2026-03-01T10:00:00Z,\n"));

        using var byReadKey = await small.SendAsync(HttpMethod.Post, "/api/v1/imports/questions", small.ReadKey, configure: request => request.Content = Csv(Tickets));
        using var asJson = await small.SendAsync(HttpMethod.Post, "/api/v1/imports/questions", small.AdminKey, "[]");
        using var tooLarge = await small.SendAsync(HttpMethod.Post, "/api/v1/imports/questions", small.AdminKey, configure: request => request.Content = Csv(large));

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.RequestEntityTooLarge),
            (byReadKey.StatusCode, asJson.StatusCode, tooLarge.StatusCode));
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal("the request body is over 1 KB; import a smaller file, or raise Import:MaxUploadBytes", await ApiServer.DetailAsync(tooLarge));
        Assert.Equal(0, (await small.Store.GetStatsAsync(small.Workspace, Token)).Activities);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private async Task<long> AddMeetupAsync()
    {
        var meetup = await _server.Store.AddEventAsync(_server.Workspace, new EventFields
        {
            Name = "Lisbon .NET meetup",
            Kind = EventKind.Meetup,
            Format = EventFormat.InPerson,
            StartsOn = new DateOnly(2026, 3, 10),
        }, Token);
        return meetup.Id;
    }

    /// <summary>A feed's server on 127.0.0.1 (Kestrel) that is down for maintenance, with a page beside it that is not a feed.</summary>
    private static async Task<WebApplication> StartFeedServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var upstream = builder.Build();
        upstream.MapGet("/feed.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        upstream.MapGet("/about.html", context => context.Response.WriteAsync("<html><body>About us</body></html>", context.RequestAborted));
        await upstream.StartAsync(Token);
        return upstream;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on: one the system just gave out and took back.</summary>
    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task<HttpResponseMessage> UploadAsync(string path, string body, string contentType) =>
        _server.SendAsync(HttpMethod.Post, path, _server.AdminKey, configure: request => request.Content = new StringContent(body, Encoding.UTF8, contentType));
}

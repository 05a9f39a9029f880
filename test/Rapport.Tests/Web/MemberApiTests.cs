using System.Net;

namespace Rapport.Tests.Web;

/// <summary>The developer list with its cursor, and a developer's identities, notes and tags, over real HTTP.</summary>
public sealed class MemberApiTests : IAsyncLifetime
{
    private const string People = """
        {"type":"identify","userId":"ada","messageId":"1","timestamp":"2026-03-01T10:00:00Z","traits":{"name":"Ada Lovelace","github":"ada-l","company":"Analytical Engines"}}
        {"type":"track","userId":"ada","event":"API Called","messageId":"2","timestamp":"2026-03-05T10:00:00Z"}
        {"type":"identify","userId":"grace","messageId":"3","timestamp":"2026-03-02T10:00:00Z","traits":{"name":"Grace Hopper","email":"grace@navy.mil"}}
        {"type":"track","userId":"grace","event":"Signed Up","messageId":"4","timestamp":"2026-03-04T10:00:00Z"}
        {"type":"track","userId":"linus","event":"Docs Viewed","messageId":"5","timestamp":"2026-03-03T10:00:00Z"}
        """;

    private ApiServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync(People);
    }

    [Fact]
    public async Task Walking_the_developer_list_by_cursor_returns_everyone_once_most_recently_active_first()
    {
        var (first, next) = await PageAsync("/api/v1/members?limit=2");
        var (second, last) = await PageAsync($"/api/v1/members?limit=2&cursor={next}");

        Assert.Equal(["Ada Lovelace", "Grace Hopper"], first);
        Assert.Equal([null], second);
        Assert.NotNull(next);
        Assert.Null(last);
    }

    [Fact]
    public async Task Developers_who_arrive_while_a_client_pages_are_not_repeated_and_no_earlier_one_is_skipped()
    {
        var (first, next) = await PageAsync("/api/v1/members?limit=1");
        // Ada is the most recently active; a newcomer active later sorts before her, one active earlier after Linus.
        await _server.ImportAsync("""
            {"type":"identify","userId":"new","messageId":"6","timestamp":"2026-03-09T10:00:00Z","traits":{"name":"Newcomer"}}
            {"type":"track","userId":"new","event":"Signed Up","messageId":"7","timestamp":"2026-03-09T10:00:00Z"}
            {"type":"identify","userId":"old","messageId":"8","timestamp":"2026-02-01T10:00:00Z","traits":{"name":"Old Timer"}}
            {"type":"track","userId":"old","event":"Signed Up","messageId":"9","timestamp":"2026-02-01T10:00:00Z"}
            """);
        var rest = new List<string?>();
        while (next is not null)
        {
            (var names, next) = await PageAsync($"/api/v1/members?limit=1&cursor={next}");
            rest.AddRange(names);
        }

        Assert.Equal(["Ada Lovelace"], first);
        Assert.Equal(["Grace Hopper", null, "Old Timer"], rest);
    }

    [Fact]
    public async Task The_developer_list_filters_by_search_stage_and_tag()
    {
        await _server.SendAsync(HttpMethod.Put, "/api/v1/members/user:grace/tags/speaker", _server.AdminKey);

        Assert.Equal(["Grace Hopper"], (await PageAsync("/api/v1/members?q=navy")).Names);
        Assert.Equal(["Ada Lovelace"], (await PageAsync("/api/v1/members?stage=build")).Names);
        Assert.Equal(["Grace Hopper"], (await PageAsync("/api/v1/members?tag=Speaker")).Names);
        Assert.Equal(["Grace Hopper", null], (await PageAsync("/api/v1/members?from=2026-03-03&to=2026-03-04")).Names);
    }

    [Theory]
    [InlineData("/api/v1/members?limit=501", "'limit' must be between 1 and 500, not 501.")]
    [InlineData("/api/v1/members?limit=0", "'limit' must be between 1 and 500, not 0.")]
    [InlineData("/api/v1/members?cursor=not-a-cursor", "'cursor' is not the next of a previous page of this list: 'not-a-cursor'.")]
    [InlineData("/api/v1/members?stage=famous", "'stage' must be a journey stage, not 'famous'.")]
    [InlineData("/api/v1/members?level=legend", "'level' must be passive, active or hero, not 'legend'.")]
    public async Task A_bad_limit_cursor_or_filter_is_a_problem_details_400(string path, string detail)
    {
        using var response = await _server.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, await ApiServer.DetailAsync(response));
    }

    [Fact]
    public async Task A_cursor_of_another_list_is_refused()
    {
        await _server.SendAsync(HttpMethod.Post, "/api/v1/events", _server.AdminKey, """{"name":"A","kind":"meetup","format":"online","startsOn":"2026-03-12"}""");
        await _server.SendAsync(HttpMethod.Post, "/api/v1/events", _server.AdminKey, """{"name":"B","kind":"meetup","format":"online","startsOn":"2026-03-13"}""");
        using var events = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/events?limit=1"));
        var eventCursor = events.RootElement.GetProperty("next").GetString();

        using var response = await _server.GetAsync($"/api/v1/members?cursor={eventCursor}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("'cursor' is not the next of a previous page of this list", await ApiServer.DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_page_carries_the_next_cursor_in_a_header()
    {
        using var response = await _server.GetAsync("/api/v1/members?limit=2&format=csv");
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var next = response.Headers.GetValues("X-Next-Cursor").Single();
        var (rest, _) = await PageAsync($"/api/v1/members?limit=2&cursor={next}");

        Assert.Equal("id,name,email,organization,bestIdentity,stage,activityCount,lastActivity", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1,Ada Lovelace,,Analytical Engines,", lines[1], StringComparison.Ordinal);
        Assert.Equal([null], rest);
    }

    [Fact]
    public async Task Editors_delete_a_note_through_the_developer_it_is_about()
    {
        using var added = await ApiServer.JsonAsync(
            await _server.SendAsync(HttpMethod.Post, "/api/v1/members/user:ada/notes", _server.AdminKey, """{"body":"Wants a Go SDK"}"""));
        var noteId = added.RootElement.GetProperty("id").GetString();

        using var byReader = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/members/user:ada/notes/{noteId}", _server.ReadKey);
        using var deleted = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/members/github:ada-l/notes/{noteId}", _server.AdminKey);
        using var again = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/members/user:ada/notes/{noteId}", _server.AdminKey);
        using var notes = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/members/user:ada/notes"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (byReader.StatusCode, deleted.StatusCode, again.StatusCode));
        Assert.Equal($"user:ada has no note {noteId}.", await ApiServer.DetailAsync(again));
        Assert.Empty(notes.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Notes_and_tags_are_added_by_editors_and_read_by_viewers()
    {
        using var refused = await _server.SendAsync(HttpMethod.Post, "/api/v1/members/github:ada-l/notes", _server.ReadKey, """{"body":"x"}""");
        using var empty = await _server.SendAsync(HttpMethod.Post, "/api/v1/members/github:ada-l/notes", _server.AdminKey, """{"body":"  "}""");
        using var added = await _server.SendAsync(HttpMethod.Post, "/api/v1/members/github:ada-l/notes", _server.AdminKey, """{"body":" Wants a Go SDK "}""");
        using var tagged = await _server.SendAsync(HttpMethod.Put, "/api/v1/members/user:ada/tags/Champion", _server.AdminKey);
        using var again = await _server.SendAsync(HttpMethod.Put, "/api/v1/members/user:ada/tags/go", _server.AdminKey);
        using var untagged = await _server.SendAsync(HttpMethod.Delete, "/api/v1/members/user:ada/tags/champion", _server.AdminKey);
        using var badTag = await _server.SendAsync(HttpMethod.Put, "/api/v1/members/user:ada/tags/no%20spaces", _server.AdminKey);
        using var notes = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/members/user:ada/notes"));
        using var tags = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/members/user:ada/tags"));
        using var identities = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/members/github:ada-l/identities"));
        using var nobody = await _server.GetAsync("/api/v1/members/github:nobody/notes");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.Created), (refused.StatusCode, empty.StatusCode, added.StatusCode));
        var note = Assert.Single(notes.RootElement.EnumerateArray());
        Assert.Equal("Wants a Go SDK", note.GetProperty("body").GetString());
        Assert.StartsWith("key:rpk_", note.GetProperty("author").GetString(), StringComparison.Ordinal);
        using (var afterTagging = await ApiServer.JsonAsync(tagged))
        {
            Assert.Equal(["champion"], afterTagging.RootElement.EnumerateArray().Select(tag => tag.GetString()));
        }

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest), (again.StatusCode, untagged.StatusCode, badTag.StatusCode));
        Assert.Equal(["go"], tags.RootElement.EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal(["github:ada-l", "user:ada"], identities.RootElement.EnumerateArray().Select(identity => identity.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task<(string?[] Names, string? Next)> PageAsync(string path)
    {
        using var response = await _server.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = await ApiServer.JsonAsync(response);
        return ([.. page.RootElement.GetProperty("items").EnumerateArray().Select(member => member.GetProperty("name").GetString())],
            page.RootElement.GetProperty("next").GetString());
    }
}

using System.Net;
using Rapport.Core.Users;

namespace Rapport.Tests.Web;

/// <summary>The journey map, the dashboard's users and the API keys over real HTTP, as the settings page and the CLI manage them.</summary>
public sealed class AdministrationApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        await _server.ImportAsync("""{"type":"track","userId":"ada","event":"Tutorial Finished","messageId":"1","timestamp":"2026-03-05T10:00:00Z"}""");
    }

    [Fact]
    public async Task An_owner_replaces_the_journey_map_and_stages_are_derived_again()
    {
        const string map = """{"stages": {"discover": ["Docs Viewed"], "evaluate": [], "learn": [], "build": ["Tutorial Finished"], "scale": []}, "stalledAfterDays": 21}""";
        using var byReader = await _server.SendAsync(HttpMethod.Put, "/api/v1/journey-map", _server.ReadKey, map);
        using var bad = await _server.SendAsync(HttpMethod.Put, "/api/v1/journey-map", _server.AdminKey, """{"stages": {"famous": []}}""");
        using var set = await _server.SendAsync(HttpMethod.Put, "/api/v1/journey-map", _server.AdminKey, map);
        using var read = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/journey-map"));
        using var ada = await ApiServer.JsonAsync(await _server.GetAsync("/api/v1/members/user:ada"));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest, HttpStatusCode.OK), (byReader.StatusCode, bad.StatusCode, set.StatusCode));
        Assert.Equal(21, read.RootElement.GetProperty("stalledAfterDays").GetInt32());
        Assert.Equal(["Tutorial Finished"], read.RootElement.GetProperty("stages").GetProperty("build").EnumerateArray().Select(type => type.GetString()));
        Assert.Equal("build", ada.RootElement.GetProperty("stage").GetString());
        Assert.Equal(21, (await _server.Store.GetJourneyMapAsync(_server.Workspace, Token)).StalledAfterDays);
    }

    [Fact]
    public async Task Owners_create_users_change_roles_and_remove_them_but_keep_an_owner()
    {
        var owner = await _server.Store.CreateUserAsync("lead@example.com", UserRole.Owner, null, Token);
        using var byReader = await _server.SendAsync(HttpMethod.Get, "/api/v1/users", _server.ReadKey);
        using var created = await _server.SendAsync(HttpMethod.Post, "/api/v1/users", _server.AdminKey, """{"email":"sam@example.com","role":"viewer"}""");
        using var taken = await _server.SendAsync(HttpMethod.Post, "/api/v1/users", _server.AdminKey, """{"email":"sam@example.com","role":"editor"}""");
        using var badRole = await _server.SendAsync(HttpMethod.Post, "/api/v1/users", _server.AdminKey, """{"email":"kim@example.com","role":"boss"}""");
        using var createdUser = await ApiServer.JsonAsync(created);
        var samId = createdUser.RootElement.GetProperty("user").GetProperty("id").GetInt64();
        using var promoted = await _server.SendAsync(HttpMethod.Patch, $"/api/v1/users/{samId}", _server.AdminKey, """{"role":"editor"}""");
        using var lastOwner = await _server.SendAsync(HttpMethod.Patch, $"/api/v1/users/{owner.Id}", _server.AdminKey, """{"role":"viewer"}""");
        using var removeLastOwner = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/users/{owner.Id}", _server.AdminKey);
        using var removed = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/users/{samId}", _server.AdminKey);
        using var missing = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/users/{samId}", _server.AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (created.StatusCode, taken.StatusCode, badRole.StatusCode));
        Assert.Equal("viewer", createdUser.RootElement.GetProperty("user").GetProperty("role").GetString());
        Assert.StartsWith("/signin/link/", createdUser.RootElement.GetProperty("signInLink").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (lastOwner.StatusCode, removeLastOwner.StatusCode));
        Assert.Equal("Rapport needs at least one owner: make someone else an owner first.", await ApiServer.DetailAsync(lastOwner));
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (removed.StatusCode, missing.StatusCode));
        Assert.Equal([("lead@example.com", UserRole.Owner)], (await _server.Store.ListUsersAsync(Token)).Select(user => (user.Email, user.Role)));
    }

    [Fact]
    public async Task A_created_key_is_shown_once_works_and_stops_working_when_revoked()
    {
        using var byReader = await _server.SendAsync(HttpMethod.Post, "/api/v1/keys", _server.ReadKey, """{"scope":"read"}""");
        using var badScope = await _server.SendAsync(HttpMethod.Post, "/api/v1/keys", _server.AdminKey, """{"scope":"root"}""");
        using var created = await ApiServer.JsonAsync(await _server.SendAsync(HttpMethod.Post, "/api/v1/keys", _server.AdminKey, """{"scope":"read","name":"grafana"}"""));
        var plaintext = created.RootElement.GetProperty("plaintext").GetString()!;
        var prefix = created.RootElement.GetProperty("key").GetProperty("prefix").GetString()!;
        using var listed = await _server.GetAsync("/api/v1/keys", _server.AdminKey);
        var listedText = await listed.Content.ReadAsStringAsync(Token);
        using var works = await _server.GetAsync("/api/v1/reports/funnel", plaintext);
        using var revoked = await _server.SendAsync(HttpMethod.Delete, $"/api/v1/keys/{prefix}", _server.AdminKey);
        using var refused = await _server.GetAsync("/api/v1/reports/funnel", plaintext);
        using var unknown = await _server.SendAsync(HttpMethod.Delete, "/api/v1/keys/rpk_nothing", _server.AdminKey);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.BadRequest), (byReader.StatusCode, badScope.StatusCode));
        Assert.Equal(("read", "grafana"), (created.RootElement.GetProperty("key").GetProperty("scope").GetString(),
            created.RootElement.GetProperty("key").GetProperty("name").GetString()));
        Assert.Contains($"\"prefix\":\"{prefix}\"", listedText, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, listedText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

using System.Net;
using System.Text.Json;
using Rapport.Core.Users;
using Rapport.Web.Dashboard;

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
    public async Task Signed_in_owners_create_users_change_roles_and_remove_them_but_keep_an_owner()
    {
        var owner = await _server.Store.CreateUserAsync("lead@example.com", UserRole.Owner, UserPasswords.Hash(ApiSession.Password), Token);
        using var session = (await _server.SignInAsync("lead@example.com"))!;
        using var byReader = await _server.SendAsync(HttpMethod.Get, "/api/v1/users", _server.ReadKey);
        using var byAdminKey = await _server.SendAsync(HttpMethod.Post, "/api/v1/users", _server.AdminKey, """{"email":"kim@example.com","role":"viewer"}""");
        using var created = await session.SendAsync(HttpMethod.Post, "/api/v1/users", """{"email":"sam@example.com","role":"viewer"}""");
        using var taken = await session.SendAsync(HttpMethod.Post, "/api/v1/users", """{"email":"sam@example.com","role":"editor"}""");
        using var badRole = await session.SendAsync(HttpMethod.Post, "/api/v1/users", """{"email":"kim@example.com","role":"boss"}""");
        using var createdUser = await ApiServer.JsonAsync(created);
        var samId = createdUser.RootElement.GetProperty("user").GetProperty("id").GetInt64();
        using var promoted = await session.SendAsync(HttpMethod.Patch, $"/api/v1/users/{samId}", """{"role":"editor"}""");
        using var lastOwner = await session.SendAsync(HttpMethod.Patch, $"/api/v1/users/{owner.Id}", """{"role":"viewer"}""");
        using var removeLastOwner = await session.SendAsync(HttpMethod.Delete, $"/api/v1/users/{owner.Id}");
        using var removed = await session.SendAsync(HttpMethod.Delete, $"/api/v1/users/{samId}");
        using var missing = await session.SendAsync(HttpMethod.Delete, $"/api/v1/users/{samId}");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byReader.StatusCode, byAdminKey.StatusCode));
        Assert.Equal(
            "Users belong to the whole installation and an API key to one workspace: only a signed-in owner manages users.",
            await ApiServer.DetailAsync(byAdminKey));
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
    public async Task A_disabled_user_is_signed_out_cannot_sign_in_again_until_enabled_and_the_last_active_owner_stays()
    {
        var owner = await _server.Store.CreateUserAsync("lead@example.com", UserRole.Owner, UserPasswords.Hash(ApiSession.Password), Token);
        var kim = await _server.Store.CreateUserAsync("kim@example.com", UserRole.Editor, UserPasswords.Hash(ApiSession.Password), Token);
        using var lead = (await _server.SignInAsync("lead@example.com"))!;
        using var kimSession = (await _server.SignInAsync("kim@example.com"))!;
        using var before = await kimSession.SendAsync(HttpMethod.Get, "/api/v1/members");

        using var disabled = await lead.SendAsync(HttpMethod.Post, $"/api/v1/users/{kim.Id}/disable");
        using var disabledUser = await ApiServer.JsonAsync(disabled);
        using var after = await kimSession.SendAsync(HttpMethod.Get, "/api/v1/members");
        var refusedSignIn = await _server.SignInAsync("kim@example.com");
        using var lastOwner = await lead.SendAsync(HttpMethod.Post, $"/api/v1/users/{owner.Id}/disable");
        using var byAdminKey = await _server.SendAsync(HttpMethod.Post, $"/api/v1/users/{kim.Id}/enable", _server.AdminKey);
        using var enabled = await lead.SendAsync(HttpMethod.Post, $"/api/v1/users/{kim.Id}/enable");
        using var again = await _server.SignInAsync("kim@example.com");
        using var missing = await lead.SendAsync(HttpMethod.Post, "/api/v1/users/999/disable");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, disabled.StatusCode, after.StatusCode));
        Assert.NotEqual(JsonValueKind.Null, disabledUser.RootElement.GetProperty("disabledAt").ValueKind);
        Assert.Null(refusedSignIn);
        Assert.Equal(HttpStatusCode.Conflict, lastOwner.StatusCode);
        Assert.Equal("Rapport needs at least one active owner: make someone else an owner first.", await ApiServer.DetailAsync(lastOwner));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (byAdminKey.StatusCode, enabled.StatusCode));
        Assert.NotNull(again);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal([("kim@example.com", false), ("lead@example.com", false)],
            (await _server.Store.ListUsersAsync(Token)).Select(user => (user.Email, user.DisabledAt is not null)));
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

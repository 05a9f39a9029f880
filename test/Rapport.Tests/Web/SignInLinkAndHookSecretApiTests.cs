using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rapport.Core.Users;
using Rapport.Web.Dashboard;

namespace Rapport.Tests.Web;

/// <summary>
/// <c>POST /api/v1/users/{id}/links</c> and <c>PUT /api/v1/hooks/github/secret</c> through real Kestrel: the link signs in
/// once, the secret verifies a signed GitHub delivery afterwards, and both are audited as their commands are.
/// </summary>
public sealed partial class SignInLinkAndHookSecretApiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await ApiServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_owner_s_new_sign_in_link_signs_in_once_and_a_disabled_user_gets_none()
    {
        await _server.Store.CreateUserAsync("lead@example.com", UserRole.Owner, UserPasswords.Hash(ApiSession.Password), Token);
        var kim = await _server.Store.CreateUserAsync("kim@example.com", UserRole.Editor, null, Token);
        var sam = await _server.Store.CreateUserAsync("sam@example.com", UserRole.Viewer, null, Token);
        await _server.Store.SetUserDisabledAsync(sam.Id, disabled: true, Token);
        using var session = (await _server.SignInAsync("lead@example.com"))!;

        using var created = await session.SendAsync(HttpMethod.Post, $"/api/v1/users/{kim.Id}/links");
        using var disabled = await session.SendAsync(HttpMethod.Post, $"/api/v1/users/{sam.Id}/links");
        using var missing = await session.SendAsync(HttpMethod.Post, "/api/v1/users/999/links");
        using var byAdminKey = await _server.SendAsync(HttpMethod.Post, $"/api/v1/users/{kim.Id}/links", _server.AdminKey);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var link = await ApiServer.JsonAsync(created);
        var path = link.RootElement.GetProperty("signInLink").GetString()!;
        Assert.Equal("kim@example.com", link.RootElement.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Found, await RedeemAsync(path));
        Assert.Equal(HttpStatusCode.OK, await RedeemAsync(path));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (disabled.StatusCode, missing.StatusCode, byAdminKey.StatusCode));
        Assert.Equal("sam@example.com is disabled, so a sign-in link would not work: enable them first.", await ApiServer.DetailAsync(disabled));
        var audit = await _server.Store.ListAuditEntriesAsync(_server.Workspace, 10, Token);
        Assert.Equal([("lead@example.com", "CreateSignInLink", $"POST /api/v1/users/{kim.Id}/links")],
            audit.Select(entry => (entry.Actor, entry.Action, entry.Target)));
    }

    [Fact]
    public async Task A_generated_secret_is_answered_once_and_verifies_a_signed_github_delivery()
    {
        using var byReadKey = await _server.SendAsync(HttpMethod.Put, "/api/v1/hooks/github/secret", _server.ReadKey);
        using var generated = await _server.SendAsync(HttpMethod.Put, "/api/v1/hooks/github/secret", _server.AdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, byReadKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        using var answer = await ApiServer.JsonAsync(generated);
        var secret = answer.RootElement.GetProperty("secret").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.Equal(("default", "/hooks/github/default"),
            (answer.RootElement.GetProperty("workspace").GetString(), answer.RootElement.GetProperty("payloadPath").GetString()));
        using var delivered = await DeliverStarAsync(secret);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal("""{"event":"star","delivery":"9a1b7e00-0001","activities":1,"ignored":false}""", await delivered.Content.ReadAsStringAsync(Token));
        var audit = await _server.Store.ListAuditEntriesAsync(_server.Workspace, 10, Token);
        Assert.Equal([($"key:{_server.AdminKey[..12]}", "SetGitHubWebhookSecret")], audit.Select(entry => (entry.Actor, entry.Action)));
    }

    [Fact]
    public async Task A_secret_given_is_kept_not_echoed_and_replaces_the_earlier_one()
    {
        using var first = await _server.SendAsync(HttpMethod.Put, "/api/v1/hooks/github/secret", _server.AdminKey);
        using var given = await _server.SendAsync(HttpMethod.Put, "/api/v1/hooks/github/secret", _server.AdminKey, """{"secret":"It's a Secret to Everybody"}""");
        using var empty = await _server.SendAsync(HttpMethod.Put, "/api/v1/hooks/github/secret", _server.AdminKey, """{"secret":"  "}""");
        using var firstAnswer = await ApiServer.JsonAsync(first);

        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        var body = await given.Content.ReadAsStringAsync(Token);
        Assert.Equal("""{"workspace":"default","payloadPath":"/hooks/github/default","secret":null}""", body);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var withOld = await DeliverStarAsync(firstAnswer.RootElement.GetProperty("secret").GetString()!);
        using var withGiven = await DeliverStarAsync("It's a Secret to Everybody");
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (withOld.StatusCode, withGiven.StatusCode));
    }

    /// <summary>Opens a sign-in link as a browser does (the page, then its form): 302 to the dashboard when it signs in.</summary>
    private async Task<HttpStatusCode> RedeemAsync(string path)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = _server.Http.BaseAddress };
        var page = await browser.GetStringAsync(path, Token);
        var csrf = CsrfInput().Match(page);
        using var form = new FormUrlEncodedContent(csrf.Success ? new Dictionary<string, string> { ["__csrf"] = WebUtility.HtmlDecode(csrf.Groups["value"].Value) } : []);
        using var response = await browser.PostAsync(path, form, Token);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> DeliverStarAsync(string secret)
    {
        using var examples = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "github", "api.github.com.json"), Token));
        var star = examples.RootElement.EnumerateArray().Single(type => type.GetProperty("name").GetString() == "star")
            .GetProperty("examples").EnumerateArray().First(example => example.GetProperty("action").GetString() == "created");
        var body = JsonSerializer.SerializeToUtf8Bytes(star);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/github/{_server.Workspace.Slug}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("X-GitHub-Event", "star");
        request.Headers.Add("X-GitHub-Delivery", "9a1b7e00-0001");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        return await _server.Http.SendAsync(request, Token);
    }

    [GeneratedRegex(""""<input[^>]*name="__csrf"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__csrf"""")]
    private static partial Regex CsrfInput();
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web;
using Rapport.Web.Access;
using Rapport.Web.Dashboard;

namespace Rapport.Tests.Security;

/// <summary>
/// Every route of the server, read from its route table, asked by every kind of caller over real HTTP: the answer
/// must be what the route's declared <see cref="RouteAccess"/> says. A route added without a declaration fails here.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private readonly TemporaryDirectory _directory = new();
    private readonly Dictionary<Caller, HttpClient> _clients = [];
    private readonly Dictionary<Caller, string> _csrfTokens = [];
    private IRapportStore _store = null!;
    private WebApplication _app = null!;

    /// <summary>Who asks: nobody, a dashboard user of each role, a key of each scope, and an admin key of another workspace.</summary>
    public enum Caller
    {
        Anonymous,
        ViewerSession,
        EditorSession,
        OwnerSession,
        IngestKey,
        ReadKey,
        AdminKey,
        OtherWorkspaceAdminKey,
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        var workspace = await _store.GetOrCreateWorkspaceAsync("default", Cancellation);
        var other = await _store.GetOrCreateWorkspaceAsync("other", Cancellation);
        foreach (var role in new[] { UserRole.Viewer, UserRole.Editor, UserRole.Owner })
        {
            await _store.CreateUserAsync($"{UserRoles.Name(role)}@example.com", role, UserPasswords.Hash(Password), Cancellation);
        }

        var keys = new Dictionary<Caller, string>
        {
            [Caller.IngestKey] = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "ingest", Cancellation)).Plaintext,
            [Caller.ReadKey] = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Read, "read", Cancellation)).Plaintext,
            [Caller.AdminKey] = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Admin, "admin", Cancellation)).Plaintext,
            [Caller.OtherWorkspaceAdminKey] = (await _store.CreateApiKeyAsync(other, ApiKeyScope.Admin, "admin", Cancellation)).Plaintext,
        };

        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Cancellation);
        var address = new Uri(_app.Urls.Single());
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            if (keys.TryGetValue(caller, out var key))
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            _clients[caller] = client;
        }

        foreach (var (caller, role) in new[] { (Caller.ViewerSession, "viewer"), (Caller.EditorSession, "editor"), (Caller.OwnerSession, "owner") })
        {
            _csrfTokens[caller] = await SignInAsync(_clients[caller], $"{role}@example.com");
        }
    }

    [Fact]
    public void Every_route_declares_who_may_call_it()
    {
        var undeclared = Routes()
            .Where(route => route.Metadata.GetMetadata<RouteAccessMetadata>() is null)
            .Select(route => route.DisplayName)
            .ToArray();

        Assert.Empty(undeclared);
        Assert.True(Routes().Count() >= 60, $"the route table has only {Routes().Count()} routes: the matrix would not cover the server");
    }

    [Fact]
    public async Task Every_route_answers_every_caller_as_its_declared_access_says()
    {
        var wrong = new List<string>();
        var asked = 0;
        foreach (var route in Routes())
        {
            var access = route.Metadata.GetMetadata<RouteAccessMetadata>()?.Access;
            var isPage = route.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var methods = isPage ? ["GET"] : route.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    var expected = access is { } declared && Allows(declared, caller, isPage);
                    var (allowed, answer) = await AskAsync(caller, method, UrlOf(route.RoutePattern), isPage);
                    asked++;
                    if (allowed != expected)
                    {
                        wrong.Add($"{method} {route.RoutePattern.RawText} ({access?.ToString() ?? "undeclared"}) as {caller}: expected {(expected ? "allow" : "deny")}, got {answer}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {asked} answers are wrong:\n{string.Join("\n", wrong)}");
        Assert.True(asked > 400, $"only {asked} requests were made");
    }

    [Fact]
    public async Task A_signed_in_change_over_the_API_without_the_anti_forgery_token_is_forbidden_and_changes_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/content")
        {
            Content = new StringContent("""{"kind":"blog_post","title":"Forged","url":"https://example.com/forged"}""", Encoding.UTF8, "application/json"),
        };

        using var response = await _clients[Caller.OwnerSession].SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("anti-forgery", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        var workspace = (await _store.FindWorkspaceAsync("default", Cancellation))!;
        Assert.Empty(await _store.ListContentAsync(workspace, Cancellation));
    }

    [Fact]
    public async Task A_key_reads_its_own_workspace_when_none_is_named_and_may_not_name_another()
    {
        using var own = await _clients[Caller.OtherWorkspaceAdminKey].GetAsync("/api/v1/reports/funnel", Cancellation);
        using var named = await _clients[Caller.OtherWorkspaceAdminKey].GetAsync("/api/v1/reports/funnel?workspace=default", Cancellation);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, named.StatusCode);
        Assert.Contains("belongs to the workspace 'other', not 'default'", await named.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    /// <summary>The matrix's expectations, written out from the meaning of each access rather than from the enforcement's code.</summary>
    private static bool Allows(RouteAccess access, Caller caller, bool isPage) => access switch
    {
        RouteAccess.Public => true,
        RouteAccess.Signed => false, // no caller here carries a GitHub signature
        RouteAccess.Ingest => caller is Caller.IngestKey or Caller.AdminKey or Caller.OtherWorkspaceAdminKey,
        RouteAccess.Viewer => caller is Caller.ViewerSession or Caller.EditorSession or Caller.OwnerSession
            || (!isPage && caller is Caller.ReadKey or Caller.AdminKey),
        RouteAccess.Editor => caller is Caller.EditorSession or Caller.OwnerSession || (!isPage && caller is Caller.AdminKey),
        RouteAccess.Owner => caller is Caller.OwnerSession || (!isPage && caller is Caller.AdminKey),
        RouteAccess.OwnerSession => caller is Caller.OwnerSession, // users are installation-wide: no workspace's key manages them
        _ => false,
    };

    /// <summary>Asks, and says whether the answer let the caller in: a refusal is 401/403 problem details, or for a page a redirect to sign in or to the forbidden page.</summary>
    private async Task<(bool Allowed, string Answer)> AskAsync(Caller caller, string method, string url, bool isPage)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            // An empty Segment batch: a tracking route then answers for its key, not for a malformed body.
            request.Content = new StringContent("""{"batch":[]}""", Encoding.UTF8, "application/json");
        }

        if (_csrfTokens.TryGetValue(caller, out var token))
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        using var response = await _clients[caller].SendAsync(request, Cancellation);
        var status = (int)response.StatusCode;
        // The forbidden page is where refused browsers are sent: it answers 403 to everyone, by design.
        if (status is 401 or 403 && !url.StartsWith("/forbidden?", StringComparison.Ordinal))
        {
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            return (false, problem ? $"{status} problem details" : $"{status} without problem details");
        }

        if (isPage && status == 302 && response.Headers.Location is { } location
            && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) is "/signin" or "/forbidden")
        {
            return (false, $"302 to {location}");
        }

        return (true, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private IEnumerable<RouteEndpoint> Routes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // Razor Pages adds a second, conventional route per page (/Index, /Developers/Profile) beside its @page route; both are asked.
            .OrderBy(route => route.RoutePattern.RawText, StringComparer.Ordinal);

    /// <summary>A concrete URL for a route pattern: sample values for its parameters, and the workspace named.</summary>
    private static string UrlOf(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var path = ParameterPattern().Replace(pattern.RawText ?? "", match => match.Groups["name"].Value switch
        {
            "id" => "1",
            "userId" => "999", // a user who does not exist: removing user 1 would sign the viewer out mid-matrix
            "noteId" => "00000000-0000-0000-0000-000000000001",
            "identity" => "email:nobody@example.com",
            "workspace" => "default",
            "name" => "rapport.css",
            "token" => "not-a-token",
            _ when match.Groups["optional"].Success => "",
            _ => "sample",
        });
        path = "/" + path.Trim('/');
        return path + "?workspace=default";
    }

    private static async Task<string> SignInAsync(HttpClient client, string email)
    {
        var form = await client.GetStringAsync("/signin", Cancellation);
        using var signIn = await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = Password,
            ["__csrf"] = CsrfToken(form),
        }), Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // The token for requests made while signed in is bound to the user: take it from a page they see.
        return CsrfToken(await client.GetStringAsync("/", Cancellation));
    }

    private static string CsrfToken(string html) =>
        WebUtility.HtmlDecode(CsrfInput().Match(html) is { Success: true } input
            ? input.Groups["value"].Value
            : throw new InvalidOperationException("the page has no anti-forgery field"));

    [GeneratedRegex("""\{(?<name>[A-Za-z]+)(:[^}?]+)?(?<optional>\?)?\}""")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(""""<input[^>]*name="__csrf"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__csrf"""")]
    private static partial Regex CsrfInput();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}

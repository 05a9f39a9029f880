using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Connectors.Segment;
using Rapport.Core.ApiKeys;
using Rapport.Core.Content;
using Rapport.Core.Users;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web;
using Rapport.Web.Dashboard;

namespace Rapport.Tests.Security;

/// <summary>
/// SQL-injection strings and LIKE wildcards in every filter and search field: every query and path parameter of the
/// API's GET routes, read from the served OpenAPI document, and every query value a dashboard page binds, read from its
/// page model. None may answer 500, none may write (the store's change marker stays the same), and a search for a
/// wildcard finds only what holds it literally.
/// </summary>
public sealed partial class InjectionWalkTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    /// <summary>Quotes, comments, statement ends, LIKE's wildcards and its escape character.</summary>
    private static readonly string[] Injections = ["' OR 1=1 --", "%", "_", "\\", "\"; DROP TABLE members; --"];

    private readonly TemporaryDirectory _directory = new();
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private WebApplication _app = null!;
    private HttpClient _api = null!;
    private HttpClient _browser = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        await _store.CreateUserAsync("owner@example.com", UserRole.Owner, UserPasswords.Hash(Password), Token);
        var key = (await _store.CreateApiKeyAsync(_workspace, ApiKeyScope.Admin, "walk", Token)).Plaintext;
        const string Traffic =
            """
            {"type":"identify","messageId":"i1","userId":"ada","traits":{"email":"ada@example.com","name":"Ada Lovelace","company":"Analytical"},"timestamp":"2026-03-01T10:00:00Z"}
            {"type":"identify","messageId":"i2","userId":"grace","traits":{"email":"grace@example.com","name":"Grace Hopper","company":"Navy"},"timestamp":"2026-03-02T10:00:00Z"}
            {"type":"track","messageId":"t1","userId":"grace","event":"API Called","timestamp":"2026-03-03T10:00:00Z"}
            {"type":"identify","messageId":"i3","userId":"pct","traits":{"name":"100% Sure_Thing"},"timestamp":"2026-03-04T10:00:00Z"}
            """;
        await new SegmentImport(_store, TimeProvider.System).ImportAsync(
            _workspace, new MemoryStream(Encoding.UTF8.GetBytes(Traffic)), "traffic.jsonl", skipInvalid: false, cancellationToken: Token);
        await _store.AddContentAsync(_workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "Rotate keys", Urls = ["https://example.com/keys"] }, Token);
        await _store.AddContentAsync(_workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "50% faster builds", Urls = ["https://example.com/fast"] }, Token);

        _app = RapportWebHost.Build(_store, Workspace.DefaultSlug, "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync(Token);
        var address = new Uri(_app.Urls.Single());
        _api = new HttpClient { BaseAddress = address };
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
        var form = await _browser.GetStringAsync("/signin", Token);
        using var signIn = await _browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "owner@example.com",
            ["password"] = Password,
            ["__csrf"] = WebUtility.HtmlDecode(CsrfInput().Match(form).Groups["value"].Value),
        }), Token);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Injection_strings_in_every_API_filter_answer_without_a_server_error_and_write_nothing()
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync("/openapi/v1.json", Token));
        var marker = await _store.GetChangeMarkerAsync(Token);
        var failures = new List<string>();
        var asked = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            var names = parameters.EnumerateArray().Select(parameter => (Name: parameter.GetProperty("name").GetString()!, In: parameter.GetProperty("in").GetString()!)).ToList();
            foreach (var injected in names)
            {
                foreach (var value in Injections)
                {
                    var url = UrlOf(path.Name, names, injected, value);
                    using var response = await _api.GetAsync(url, Token);
                    asked++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"GET {url}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {asked} requests failed:\n{string.Join("\n", failures)}");
        Assert.True(asked > 500, $"only {asked} requests were made: the walk would not cover the API");
        Assert.Equal(marker, await _store.GetChangeMarkerAsync(Token));
    }

    [Fact]
    public async Task Injection_strings_in_every_dashboard_filter_answer_without_a_server_error_and_write_nothing()
    {
        var loader = _app.Services.GetRequiredService<PageLoader>();
        var pages = new List<(string Route, IReadOnlyList<string> Names)>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || page.AttributeRouteInfo?.Template is not { } template)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var names = compiled.ModelTypeInfo!.GetProperties()
                .Select(property => (property, bind: property.GetCustomAttribute<BindPropertyAttribute>()))
                .Where(pair => pair.bind is { SupportsGet: true })
                .Select(pair => pair.bind!.Name ?? pair.property.Name)
                .ToList();
            if (names.Count > 0)
            {
                pages.Add(("/" + ParameterPattern().Replace(template, match => match.Groups["name"].Value == "id" ? "1" : "sample"), names));
            }
        }

        var marker = await _store.GetChangeMarkerAsync(Token);
        var failures = new List<string>();
        var asked = 0;
        foreach (var (route, names) in pages)
        {
            foreach (var name in names)
            {
                foreach (var value in Injections)
                {
                    var url = $"{route}?{name}={Uri.EscapeDataString(value)}";
                    using var response = await _browser.GetAsync(url, Token);
                    asked++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"GET {url}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {asked} requests failed:\n{string.Join("\n", failures)}");
        Assert.True(pages.Count >= 10 && asked > 150, $"only {pages.Count} pages and {asked} requests: the walk would not cover the dashboard");
        Assert.Equal(marker, await _store.GetChangeMarkerAsync(Token));
    }

    [Theory]
    [InlineData("%", "Lovelace")]
    [InlineData("_", "Hopper")]
    [InlineData("\\", "Ada")]
    [InlineData("' OR 1=1 --", "Grace")]
    public async Task A_search_for_a_wildcard_or_a_quote_finds_only_what_holds_it(string search, string absent)
    {
        var members = await ItemsAsync($"/api/v1/members?q={Uri.EscapeDataString(search)}");
        var developers = await _browser.GetStringAsync($"/developers?q={Uri.EscapeDataString(search)}", Token);

        // Only "100% Sure_Thing" holds a % or an _; nobody holds a backslash or the quote.
        var expected = search is "%" or "_" ? 1 : 0;
        Assert.Equal(expected, members.GetArrayLength());
        if (expected == 1)
        {
            Assert.Contains("Sure_Thing", members.ToString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(absent, developers, StringComparison.Ordinal);
        Assert.Equal(3, (await ItemsAsync("/api/v1/members")).GetArrayLength());
    }

    [Fact]
    public async Task A_content_search_for_a_percent_sign_finds_the_one_title_that_has_it()
    {
        var found = await ItemsAsync("/api/v1/content?search=%25");

        Assert.Equal("50% faster builds", Assert.Single(found.EnumerateArray()).GetProperty("title").GetString());
        Assert.Empty((await ItemsAsync("/api/v1/content?search=_")).EnumerateArray());
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        _browser.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<JsonElement> ItemsAsync(string url)
    {
        using var document = JsonDocument.Parse(await _api.GetStringAsync(url, Token));
        return document.RootElement.GetProperty("items").Clone();
    }

    /// <summary>The route with <paramref name="value"/> in one parameter, sample values in the other path parameters, and the workspace named.</summary>
    private static string UrlOf(string path, IReadOnlyList<(string Name, string In)> parameters, (string Name, string In) injected, string value)
    {
        var url = ParameterPattern().Replace(path, match => match.Groups["name"].Value == injected.Name
            ? Uri.EscapeDataString(value)
            : match.Groups["name"].Value switch
            {
                "identity" => "email:ada@example.com",
                "id" => "1",
                _ => "sample",
            });
        var query = new List<string>();
        if (injected.In == "query")
        {
            query.Add($"{injected.Name}={Uri.EscapeDataString(value)}");
        }

        if (injected.Name != "workspace" && parameters.Any(parameter => parameter.Name == "workspace"))
        {
            query.Add("workspace=default");
        }

        return query.Count == 0 ? url : $"{url}?{string.Join('&', query)}";
    }

    [GeneratedRegex("""\{(?<name>[A-Za-z]+)(:[^}?]+)?\??\}""")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(""""<input[^>]*name="__csrf"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__csrf"""")]
    private static partial Regex CsrfInput();
}

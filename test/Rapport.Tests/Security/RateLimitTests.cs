using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Time.Testing;
using Rapport.Configuration;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web;
using Rapport.Web.Dashboard;

namespace Rapport.Tests.Security;

/// <summary>The rate limits on sign-in and ingest, and the lockout after failed sign-ins, over real HTTP.</summary>
public sealed partial class RateLimitTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private IRapportStore _store = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _ingestKey = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // One clock for the store and the web host: the store times the sign-in lockout.
        _store = RapportStore.Open(_directory.File("rapport.duckdb"), _clock);
        var workspace = await _store.GetOrCreateWorkspaceAsync("default", Token);
        _ingestKey = (await _store.CreateApiKeyAsync(workspace, ApiKeyScope.Ingest, "site", Token)).Plaintext;
        await _store.CreateUserAsync("owner@example.com", UserRole.Owner, UserPasswords.Hash(Password), Token);
        var settings = new RapportSettings
        {
            Security = new SecuritySettings { SignInPermitsPerMinute = 6, IngestPermitsPerMinute = 2, LockoutFailures = 3, LockoutMinutes = 15 },
        };
        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", _clock, settings);
        await _app.StartAsync(Token);
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(_app.Urls.Single()),
        };
    }

    [Fact]
    public async Task Ingest_beyond_the_limit_is_a_429_problem_with_retry_after_and_stores_nothing()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/track")
            {
                Content = new StringContent($$"""{"userId":"ada","event":"API Called","messageId":"m{{i}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _ingestKey);
            last = await _http.SendAsync(request, Token);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", last!.Content.Headers.ContentType?.MediaType);
        Assert.True(last.Headers.RetryAfter?.Delta?.TotalSeconds is > 0 and <= 60, $"Retry-After: {last.Headers.RetryAfter}");
        last.Dispose();
        var workspace = (await _store.FindWorkspaceAsync("default", Token))!;
        Assert.Equal(2, (await _store.GetStatsAsync(workspace, Token)).Activities);
    }

    [Fact]
    public async Task Three_wrong_passwords_lock_the_email_even_for_the_right_one_until_the_lockout_ends()
    {
        foreach (var password in new[] { "wrong 1", "wrong 2", "wrong 3" })
        {
            Assert.Contains("do not match an account", await SignInAsync(password), StringComparison.Ordinal);
        }

        var locked = await SignInAsync(Password);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var after = await SignInAsync(Password);

        Assert.Contains("Too many failed sign-ins for this email; try again in 15 minutes.", locked, StringComparison.Ordinal);
        Assert.Equal("signed in", after);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_a_429_problem()
    {
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await _http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = $"x{i}@example.com" }), Token);
            statuses.Add((int)response.StatusCode);
            if (i == 6)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([400, 400, 400, 400, 400, 400, 429], statuses);
    }

    /// <summary>Posts the sign-in form; answers "signed in" on success, else the page's text.</summary>
    private async Task<string> SignInAsync(string password)
    {
        var form = await _http.GetStringAsync("/signin", Token);
        var token = WebUtility.HtmlDecode(CsrfInput().Match(form).Groups["value"].Value);
        using var response = await _http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "owner@example.com",
            ["password"] = password,
            ["__csrf"] = token,
        }), Token);
        return response.StatusCode == HttpStatusCode.Redirect ? "signed in" : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Token));
    }

    [GeneratedRegex(""""<input[^>]*name="__csrf"[^>]*value="(?<value>[^"]+)"|<input[^>]*value="(?<value>[^"]+)"[^>]*name="__csrf"""")]
    private static partial Regex CsrfInput();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Rapport.Cli;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web;
using Rapport.Web.Dashboard;

namespace Rapport.Benchmarks;

/// <summary>
/// Dashboard pages on the demo's data (20,000 developers, about a million activities, as <c>rapport demo</c> makes
/// them), served by the real web host on loopback to a signed-in client: the time from request to the last byte
/// of the page, which is the server's time plus a loopback round trip.
/// </summary>
/// <remarks>
/// In process: on a machine shared by several builds, BenchmarkDotNet's generated project can take longer to build
/// than the pages take to measure.
/// </remarks>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(3)]
[IterationCount(10)]
public partial class DashboardBenchmarks
{
    private const string Email = "bench@example.com";
    private const string Password = "benchmark password";

    private WebApplication _app = null!;
    private IRapportStore _store = null!;
    private HttpClient _http = null!;
    private string _profile = "";

    [Params(
        "/", "/journey", "/journey?from=2026-06-01&to=2026-09-30", "/journey?channel=google.com", "/developers", "/developers?q=hopper",
        "/developers?stage=build", "profile", "/community", "/pulse", "/outreach", "/content", "/events", "/events/1", "/docs-gaps", "/coverage",
        "/feedback", "/feedback/1", "/leads", "/settings")]
    public string Page { get; set; } = "";

    [GlobalSetup]
    public async Task StartServer()
    {
        // The demo store is made once per demo generator: a store from an older one lacks the newer pages' records
        // (v2: attendees, questions, docs pages and the coverage file).
        var path = Path.Combine(TrafficFile.DataDirectory, "dashboard-demo-v2.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var exit = await RapportCommandLine.Create(TimeProvider.System).Parse(["--db", path, "demo", "--no-serve"]).InvokeAsync();
            if (exit != 0)
            {
                throw new InvalidOperationException($"rapport demo exited with {exit}");
            }
        }

        _store = RapportStore.Open(path, TimeProvider.System);
        if (await _store.FindUserAsync(Email, CancellationToken.None) is null)
        {
            await _store.CreateUserAsync(Email, UserRole.Owner, UserPasswords.Hash(Password), CancellationToken.None);
        }

        _app = RapportWebHost.Build(_store, "default", "http://127.0.0.1:0", TimeProvider.System);
        await _app.StartAsync();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_app.Urls.First()) };
        var form = await _http.GetStringAsync("/signin");
        var token = CsrfToken().Match(form).Groups[1].Value;
        using var signIn = await _http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Email,
            ["password"] = Password,
            ["__csrf"] = token,
        }));
        var developers = await _http.GetStringAsync("/developers?stage=build");
        _profile = "/developers/" + MemberLink().Match(developers).Groups[1].Value;
        Console.WriteLine($"// signed in: {signIn.StatusCode}; profile page {_profile}");
    }

    [Benchmark]
    public async Task<int> Load()
    {
        using var response = await _http.GetAsync(Page == "profile" ? _profile : Page);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body.Length
            : throw new InvalidOperationException($"{Page} answered {response.StatusCode}");
    }

    [GlobalCleanup]
    public async Task StopServer()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();

    [GeneratedRegex("data-member=\"([0-9]+)\"")]
    private static partial Regex MemberLink();
}

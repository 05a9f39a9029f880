using System.Net;

namespace Rapport.Tests.Dashboard;

/// <summary>
/// One <c>rapport serve</c> for the browser tests, on a store made as a user makes one: the demo's generated
/// developers, a few known developers imported from a Segment file, and an owner, an editor, a viewer and a disabled
/// viewer created with <c>rapport users create</c>.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string OwnerEmail = "owner@example.com";
    public const string EditorEmail = "editor@example.com";
    public const string ViewerEmail = "viewer@example.com";

    /// <summary>A viewer an owner has disabled.</summary>
    public const string DisabledEmail = "former@example.com";
    public const string Password = "correct horse battery";
    public const string ScriptName = "<script>alert(1)</script>";
    public const string ScriptOrganization = "<script>alert(5)</script> Corp";
    public const string ScriptEvent = "<script>alert(6)</script> night";
    public const string ScriptFeedback = "Docs search misses <script>alert(4)</script>";

    private readonly TemporaryDirectory _directory = new();
    private RapportServerProcess? _server;

    public Uri Address => _server?.Address ?? throw new InvalidOperationException("the server has not started");

    internal string Directory => _directory.Path;

    /// <summary>The path of a one-time sign-in link for the viewer, printed by <c>rapport users link</c>.</summary>
    internal string ViewerLinkPath { get; private set; } = "";

    internal string Db => _directory.File("dashboard.duckdb");

    /// <summary>A read key, for the tests that compare a page with what the API answers.</summary>
    private string ReadKey { get; set; } = "";

    /// <summary>What <c>rapport report levels --json</c> printed for the served data, before the server started.</summary>
    internal string LevelsJson { get; private set; } = "";

    /// <summary><c>rapport report funnel --icp builders --json</c> as the command line printed it before the server started.</summary>
    internal string BuildersFunnelJson { get; private set; } = "";

    /// <summary><c>rapport report coverage --json</c> with Ada using python and Donald go (both by a trait).</summary>
    internal string CoverageJson { get; private set; } = "";

    /// <summary>The ids of the sample, the post adapted from it, the post's syndicated copy and the talk, added after the demo's docs pages.</summary>
    internal string[] ContentIds { get; private set; } = [];

    /// <summary>The id of NDC Oslo, added after the demo's own events.</summary>
    internal string NdcEventId { get; private set; } = "";

    /// <summary>The feedback item whose title holds a script.</summary>
    internal long ScriptFeedbackId { get; private set; }

    /// <summary>The event whose name holds a script.</summary>
    internal string ScriptEventId { get; private set; } = "";

    /// <summary>The feedback item Ada raised and Donald upvoted, added after the demo's own.</summary>
    internal long SdkFeedbackId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        // The webhook tests deliver to a receiver on this machine.
        _directory.AllowPrivateNetworkUrls();
        await RunAsync("demo", "--no-serve", "--developers", "300");
        await File.WriteAllLinesAsync(_directory.File("people.jsonl"),
        [
            """{"type":"identify","userId":"ada","messageId":"d1","timestamp":"2026-11-20T09:00:00Z","traits":{"name":"Ada Lovelace","email":"ada@analytical.io","github":"ada-l","company":"Analytical Engines"}}""",
            """{"type":"track","userId":"ada","event":"Signed Up","messageId":"d2","timestamp":"2026-11-20T09:05:00Z"}""",
            """{"type":"track","userId":"ada","event":"API Called","messageId":"d3","timestamp":"2026-11-21T10:00:00Z"}""",
            $$$"""{"type":"identify","userId":"mallory","messageId":"d4","timestamp":"2026-11-22T09:00:00Z","traits":{"name":"{{{ScriptName}}}","email":"mallory@example.org","company":"{{{ScriptOrganization}}}"}}""",
            """{"type":"page","userId":"mallory","messageId":"d5","timestamp":"2026-11-22T09:01:00Z","context":{"page":{"url":"https://docs.example.com/<b>x</b>","title":"<img src=x onerror=alert(2)>"}}}""",

            // Developers to merge by hand: Donald twice, and two pairs of product accounts sharing an email address.
            """{"type":"identify","userId":"knuth","messageId":"m1","timestamp":"2026-11-23T09:00:00Z","traits":{"name":"Donald Knuth","github":"dknuth"}}""",
            """{"type":"track","userId":"knuth","event":"API Called","messageId":"m2","timestamp":"2026-11-23T09:05:00Z"}""",
            """{"type":"identify","anonymousId":"taocp-1","messageId":"m3","timestamp":"2026-11-23T10:00:00Z","traits":{"email":"knuth@stanford.example"}}""",
            """{"type":"page","anonymousId":"taocp-1","messageId":"m4","timestamp":"2026-11-23T10:01:00Z"}""",
            """{"type":"identify","userId":"edsger","messageId":"m5","timestamp":"2026-11-24T09:00:00Z","traits":{"name":"Edsger Dijkstra","email":"edsger@tue.example"}}""",
            """{"type":"identify","userId":"edsger-dijkstra","messageId":"m6","timestamp":"2026-11-24T10:00:00Z","traits":{"name":"Edsger W. Dijkstra","email":"edsger@tue.example"}}""",
            """{"type":"identify","userId":"niklaus","messageId":"m7","timestamp":"2026-11-24T09:00:00Z","traits":{"name":"Niklaus Wirth","email":"niklaus@eth.example"}}""",
            """{"type":"identify","userId":"niklaus-wirth","messageId":"m8","timestamp":"2026-11-24T10:00:00Z","traits":{"name":"Niklaus E. Wirth","email":"niklaus@eth.example"}}""",
        ]);
        // Eve was busy three weeks ago and then went quiet: stalled at Learn, with an outreach task.
        var quiet = DateTime.UtcNow.Date.AddDays(-20);
        await File.AppendAllLinesAsync(_directory.File("people.jsonl"),
        [
            $$$"""{"type":"identify","userId":"eve","messageId":"e0","timestamp":"{{{quiet.AddDays(-3):yyyy-MM-dd}}}T09:00:00Z","traits":{"firstName":"Eve","lastName":"Stalled"}}""",
            .. Enumerable.Range(1, 3).Select(i =>
                $$"""{"type":"track","userId":"eve","event":"Tutorial Started","messageId":"e{{i}}","timestamp":"{{quiet.AddDays(-i):yyyy-MM-dd}}T09:00:00Z"}"""),
        ]);
        await RunAsync("import", "segment", "people.jsonl");
        // After the demo's docs pages: the ids are whatever the store gives them.
        var sample = await AddContentAsync("--kind", "sample", "--title", "SDK sample repository", "--url", "https://github.com/example/sdk-sample",
            "--channel", "github", "--party", "first_party", "--published", "2026-09-01", "--tag", "go", "--effort-hours", "12");
        var post = await AddContentAsync("--kind", "blog_post", "--title", "Generate SDKs in CI", "--url", "https://example.com/blog/sdks-in-ci",
            "--channel", "blog", "--party", "first_party", "--published", "2026-09-10", "--parent", sample, "--reuse", "adaptation", "--tag", "go");
        var syndicated = await AddContentAsync("--kind", "blog_post", "--title", "Generate SDKs in CI", "--url", "https://dzone.com/articles/sdks-in-ci",
            "--channel", "dzone", "--party", "third_party", "--published", "2026-09-12", "--parent", post, "--reuse", "syndication");
        var talk = await AddContentAsync("--kind", "talk", "--title", "<script>alert(3)</script> SDKs at NDC", "--channel", "ndc-oslo",
            "--published", "2026-10-01", "--parent", sample, "--reuse", "adaptation");
        ContentIds = [sample, post, syndicated, talk];
        // Two events and the ICPs; the Events tests import attendees through the page.
        using (var ndc = System.Text.Json.JsonDocument.Parse(await RunAsync("events", "add", "--name", "NDC Oslo", "--kind", "conference", "--format", "in_person",
            "--starts", "2026-11-20", "--ends", "2026-11-22", "--cost", "sponsorship:8000:EUR", "--cost", "travel:1500:EUR", "--effort-hours", "60",
            "--audience", "go", "--talk", talk, "--json")))
        {
            NdcEventId = ndc.RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await RunAsync("events", "add", "--name", "SDKs in CI, live", "--kind", "webinar", "--format", "online", "--starts", "2026-11-21",
            "--reported-audience", "350", "--cost", "other:200:USD", "--effort-hours", "6");
        await File.WriteAllTextAsync(_directory.File("icps.json"), """{"icps": [{"name": "builders", "rule": {"activity": "API Called"}}]}""");
        await RunAsync("icp", "set", "icps.json");
        BuildersFunnelJson = await RunAsync("report", "funnel", "--icp", "builders", "--json");
        await File.WriteAllLinesAsync(_directory.File("languages.jsonl"),
        [
            """{"type":"identify","userId":"ada","messageId":"l1","timestamp":"2026-11-25T09:00:00Z","traits":{"language":"python"}}""",
            """{"type":"identify","userId":"knuth","messageId":"l2","timestamp":"2026-11-25T09:00:00Z","traits":{"language":"golang"}}""",
        ]);
        await RunAsync("import", "segment", "languages.jsonl");
        await File.WriteAllTextAsync(_directory.File("coverage.json"), """{"dimensions": {"language": {"go": ["golang"], "python": ["py"]}}}""");
        await RunAsync("coverage", "set", "coverage.json");
        CoverageJson = await RunAsync("report", "coverage", "--json");

        // Product feedback for the Feedback page: one item Ada raised and Donald upvoted, one from a sales call.
        using (var added = System.Text.Json.JsonDocument.Parse(await RunAsync(
            "feedback", "add", "Retry on HTTP 429 in the Go SDK", "--kind", "feature", "--area", "go-sdk", "--raised-by", "user:ada", "--json")))
        {
            SdkFeedbackId = added.RootElement.GetProperty("id").GetInt64();
        }

        await RunAsync("feedback", "vote", SdkFeedbackId.ToString(System.Globalization.CultureInfo.InvariantCulture), "user:knuth");
        using (var docs = System.Text.Json.JsonDocument.Parse(await RunAsync(
            "feedback", "add", ScriptFeedback, "--kind", "docs", "--area", "go-sdk", "--organization", "Acme", "--json")))
        {
            ScriptFeedbackId = docs.RootElement.GetProperty("id").GetInt64();
        }

        // An event named like a script, which Mallory attended, for the pages that show event names.
        using (var night = System.Text.Json.JsonDocument.Parse(await RunAsync("events", "add", "--name", ScriptEvent, "--kind", "meetup",
            "--format", "in_person", "--starts", "2026-11-23", "--json")))
        {
            ScriptEventId = night.RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await File.WriteAllTextAsync(_directory.File("night.csv"), "email,checked_in\nmallory@example.org,yes\n");
        await RunAsync("import", "attendees", "night.csv", "--event", ScriptEventId);
        foreach (var (email, role) in new[] { (OwnerEmail, "owner"), (EditorEmail, "editor"), (ViewerEmail, "viewer"), (DisabledEmail, "viewer") })
        {
            var created = await RapportProcess.RunShellAsync(_directory.Path,
                $"printf '%s\\n' '{Password}' | dotnet '{RapportProcess.ExecutablePath}' --db '{Db}' users create --email {email} --role {role} --password-stdin");
            Assert.True(created.ExitCode == 0, created.Error);
        }

        await RunAsync("users", "disable", "--email", DisabledEmail);
        ReadKey = System.Text.RegularExpressions.Regex.Match(
            await RunAsync("keys", "create", "--scope", "read", "--name", "tests"), "rpk_[A-Za-z0-9_-]{43}").Value;

        // The CLI prints a link to its --url; the path is what the test follows on the server's real address.
        var printed = await RunAsync("users", "link", "--email", ViewerEmail, "--url", "http://rapport.test");
        ViewerLinkPath = new Uri(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim()).AbsolutePath;
        // Levels and the outreach queue as the demo derived them; the server does not refresh them again during the tests.
        await RunAsync("outreach", "refresh");
        LevelsJson = await RunAsync("report", "levels", "--json");
        _server = await RapportServerProcess.StartAsync(_directory.Path, ["--db", Db], ["--community-refresh", "0"]);
    }

    private async Task<string> AddContentAsync(params string[] arguments)
    {
        using var added = System.Text.Json.JsonDocument.Parse(await RunAsync(["content", "add", .. arguments, "--json"]));
        return added.RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the <c>rapport</c> command on the test's store (before the server holds it).</summary>
    private async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, ["--db", Db, .. arguments]);
        Assert.True(exitCode == 0, $"rapport {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    /// <summary>An HTTP client for the server, signed in with a browser's session cookie when one is given, else with a read key.</summary>
    internal HttpClient Http(string? sessionCookie = null)
    {
        var cookies = new CookieContainer();
        if (sessionCookie is not null)
        {
            cookies.Add(Address, new Cookie("rapport.session", sessionCookie));
        }

        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        if (sessionCookie is null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReadKey);
        }

        return http;
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

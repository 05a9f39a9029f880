using System.Text.Json;

namespace Rapport.Tests.Content;

/// <summary><c>rapport import feed</c> and <c>rapport import markdown</c> as a process, on the real feeds and sites of the test data.</summary>
public sealed class ContentImportCommandTests : IDisposable
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "TestData");

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_feed_file_imports_its_entries_once_and_a_malformed_one_nothing()
    {
        var first = await RunAsync("import", "feed", Path.Combine(TestData, "feeds", "heise.atom"), "--channel", "heise", "--party", "third_party");
        var again = await RunAsync("import", "feed", Path.Combine(TestData, "feeds", "heise.atom"), "--channel", "heise");
        var broken = await RunAsync("import", "feed", Path.Combine(TestData, "feeds", "unrecognized.rss"));
        var notHttp = await RunAsync("import", "feed", "file:///etc/passwd");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("heise developer neueste Meldungen (atom): 15 entries", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"added\s+│\s+15", first.Output);
        Assert.Matches(@"unchanged\s+│\s+15", again.Output);
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith($"{Path.Combine(TestData, "feeds", "unrecognized.rss")}:2: not well-formed XML", broken.Error.Trim(), StringComparison.Ordinal);
        Assert.Equal(1, notHttp.ExitCode);
        Assert.Equal("rapport: 'file:///etc/passwd' is not an http or https URL; a feed is read from a file or from http(s)", notHttp.Error.Trim());
        using var list = JsonDocument.Parse((await RunAsync("content", "list", "--channel", "heise", "--json")).Output);
        Assert.Equal(15, list.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task A_markdown_site_imports_its_pages_under_the_base_url()
    {
        var imported = await RunAsync("import", "markdown", Path.Combine(TestData, "markdown-site"), "--channel", "blog", "--base-url", "https://example.com");
        var broken = await RunAsync("import", "markdown", Path.Combine(TestData, "markdown-broken"));

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("6 Markdown files: 1 drafts skipped, 1 without front matter", imported.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("bad-date.md:3: date 'last tuesday' is not a date", broken.Error, StringComparison.Ordinal);
        using var list = JsonDocument.Parse((await RunAsync("content", "list", "--json")).Output);
        Assert.Equal(
            ["https://example.com/pi-day-sdks/", "https://example.com/blog/sdks-in-ci/", "https://example.com/blog/python-sdks/", "https://docs.example.com/quickstart"],
            list.RootElement.EnumerateArray().Select(item => item.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task An_access_log_counts_page_views_once_however_often_it_is_imported_and_a_bad_line_stores_nothing()
    {
        const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";
        var log = _directory.File("access.log");
        await File.WriteAllLinesAsync(log,
        [
            $"203.0.113.5 - - [02/Mar/2026:10:00:00 +0000] \"GET /blog/sdks-in-ci HTTP/1.1\" 200 5120 \"https://dzone.com/\" \"{Firefox}\"",
            $"203.0.113.5 - - [02/Mar/2026:10:01:30 +0000] \"GET /docs HTTP/1.1\" 200 5120 \"-\" \"{Firefox}\"",
            "66.249.66.1 - - [02/Mar/2026:10:06:00 +0000] \"GET /blog/sdks-in-ci HTTP/1.1\" 200 5120 \"-\" \"Googlebot/2.1 (+http://www.google.com/bot.html)\"",
        ], TestContext.Current.CancellationToken);
        var broken = _directory.File("broken.log");
        await File.WriteAllLinesAsync(broken, [(await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken))[0], "garbage"],
            TestContext.Current.CancellationToken);
        await RunAsync("content", "add", "--kind", "blog_post", "--title", "SDKs in CI", "--url", "https://example.com/blog/sdks-in-ci", "--channel", "blog");

        var first = await RunAsync("import", "access-log", log, "--site", "https://example.com");
        var again = await RunAsync("import", "access-log", log, "--site", "https://example.com");
        var bad = await RunAsync("import", "access-log", broken, "--site", "https://example.com");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"page views\s+│\s+3", first.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"{broken}:2: not in the Common or Combined Log Format", bad.Error.Trim(), StringComparison.Ordinal);
        using var report = JsonDocument.Parse((await RunAsync("report", "content", "--json")).Output);
        var post = Assert.Single(report.RootElement.EnumerateArray());
        Assert.Equal((2, 1, 1), (post.GetProperty("views").GetInt64(), post.GetProperty("human").GetInt64(), post.GetProperty("validated").GetInt64()));
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

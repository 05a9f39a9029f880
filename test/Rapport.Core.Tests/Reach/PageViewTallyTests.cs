using Rapport.Core.Reach;

namespace Rapport.Core.Tests.Reach;

/// <summary>Access log lines in the Combined Log Format, classified into page views per URL and day.</summary>
public sealed class PageViewTallyTests
{
    private const string Firefox = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static readonly string[] Log =
    [
        $"203.0.113.5 - - [02/Mar/2026:10:00:00 +0000] \"GET /blog/post HTTP/1.1\" 200 5120 \"https://dzone.com/articles/x\" \"{Firefox}\"",
        $"203.0.113.5 - - [02/Mar/2026:10:00:01 +0000] \"GET /style.css HTTP/1.1\" 200 800 \"https://example.com/blog/post\" \"{Firefox}\"",
        $"203.0.113.5 - - [02/Mar/2026:10:02:00 +0000] \"GET /docs/quickstart HTTP/1.1\" 200 4000 \"https://example.com/blog/post\" \"{Firefox}\"",
        $"198.51.100.7 - - [02/Mar/2026:11:05:00 +0100] \"GET /blog/post?utm_medium=cpc HTTP/1.1\" 200 5120 \"-\" \"{Chrome}\"",
        $"198.51.100.7 - - [02/Mar/2026:10:05:10 +0000] \"GET /pricing HTTP/1.1\" 200 2000 \"-\" \"{Chrome}\"",
        "66.249.66.1 - - [02/Mar/2026:10:06:00 +0000] \"GET /blog/post HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"",
        $"192.0.2.9 - - [02/Mar/2026:10:07:00 +0000] \"HEAD /blog/post HTTP/1.1\" 200 0 \"-\" \"{Firefox}\"",
        $"192.0.2.10 - - [02/Mar/2026:10:08:00 +0000] \"GET /blog/post HTTP/1.1\" 404 100 \"-\" \"{Firefox}\"",
        $"192.0.2.11 - - [02/Mar/2026:10:10:00 +0000] \"GET /blog/post?gclid=abc HTTP/1.1\" 200 5120 \"-\" \"{Chrome}\"",
        $"192.0.2.11 - - [02/Mar/2026:10:11:00 +0000] \"GET /docs HTTP/1.1\" 200 5120 \"-\" \"{Chrome}\"",
        "192.0.2.12 - - [03/Mar/2026:08:00:00 +0000] \"GET /blog/post HTTP/1.0\" 200 5120",
    ];

    [Fact]
    public void Page_views_are_counted_per_url_and_day_with_bots_paid_and_engaged_separated()
    {
        var tally = new PageViewTally("https://example.com/", EngagementThresholds.DefaultSeconds);
        foreach (var text in Log)
        {
            Assert.True(AccessLogLine.TryParse(text, out var line, out var reason), reason);
            tally.Add(line!);
        }

        var rows = tally.Rows();

        var day = new DateOnly(2026, 3, 2);
        // /blog/post on 2 March: Firefox read it for 2 minutes (validated); Chrome came from a cpc ad and left after
        // 10 s; Googlebot and a HEAD are bots; the 404 is no page view; Edge came from a gclid ad and read for 1 minute.
        Assert.Equal(new PageReachRow("https://example.com/blog/post", day, Views: 5, HumanViews: 3, OrganicViews: 1, EngagedViews: 2,
            ValidatedViews: 1, PaidEngagedViews: 1), rows.Single(row => row.Url == "https://example.com/blog/post" && row.Day == day));
        // A CLF line without user agent is a bot (every browser sends one).
        Assert.Equal(new PageReachRow("https://example.com/blog/post", new DateOnly(2026, 3, 3), 1, 0, 0, 0, 0, 0), rows[1]);
        Assert.Equal(["https://example.com/blog/post", "https://example.com/blog/post", "https://example.com/docs", "https://example.com/docs/quickstart",
            "https://example.com/pricing"], rows.Select(row => row.Url));
        Assert.All(rows.Where(row => row.Url != "https://example.com/blog/post"), row => Assert.Equal(0, row.ValidatedViews));
    }

    [Theory]
    [InlineData("not a log line", "not in the Common or Combined Log Format")]
    [InlineData("1.2.3.4 - - [2026-03-02 10:00:00] \"GET / HTTP/1.1\" 200 1", "the time [2026-03-02 10:00:00] is not dd/MMM/yyyy:HH:mm:ss +hhmm")]
    public void A_line_in_neither_format_says_why(string text, string reason)
    {
        Assert.False(AccessLogLine.TryParse(text, out _, out var why));
        Assert.StartsWith(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_burst_of_page_views_from_one_client_counts_as_bots()
    {
        var tally = new PageViewTally("https://example.com", EngagementThresholds.DefaultSeconds);
        for (var i = 0; i < 15; i++)
        {
            AccessLogLine.TryParse($"203.0.113.5 - - [02/Mar/2026:10:00:{i / 2:00} +0000] \"GET /p{i} HTTP/1.1\" 200 1 \"-\" \"{Firefox}\"", out var line, out _);
            tally.Add(line!);
        }

        var rows = tally.Rows();

        Assert.Equal(15, rows.Sum(row => row.Views));
        Assert.Equal(10, rows.Sum(row => row.HumanViews));
    }
}

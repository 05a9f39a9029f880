using BenchmarkDotNet.Attributes;
using Rapport.Core.Reach;

namespace Rapport.Benchmarks;

/// <summary>
/// Classifying page views into bot, paid and engaged (<see cref="TrafficClassifier"/>), as the access-log import,
/// tracked links, t.js and the reports do: 10 million views per operation, drawn from a million distinct views with a
/// realistic mix — 4,000 distinct browser user agents and the 2,118 crawler examples (15 % of views), utm-tagged and
/// ad-clicked URLs, HEAD requests, dwell times from 0 to 5 minutes. The baseline only asks the user agent.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TrafficClassificationBenchmarks
{
    private const int DistinctViews = 1_000_000;

    private TrafficSignal[] _views = [];

    [Params(10_000_000)]
    public int PageViews { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(2026_11_30);
        var browsers = Enumerable.Range(0, 4000).Select(i => (i % 4) switch
        {
            0 => $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{100 + (i % 40)}.0.{i}.0 Safari/537.36",
            1 => $"Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:{100 + (i % 40)}.0) Gecko/20100101 Firefox/{100 + (i % 40)}.{i % 10}",
            2 => $"Mozilla/5.0 (iPhone; CPU iPhone OS 18_{i % 8} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.{i % 8} Mobile/15E{i} Safari/604.1",
            _ => $"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{100 + (i % 40)}.0.{i}.0 Safari/537.36 Edg/{100 + (i % 40)}.0",
        }).ToArray();
        var crawlers = BotUserAgentLists.Crawlers.SelectMany(crawler => crawler.Instances).ToArray();
        string[] urls =
        [
            "https://example.com/blog/sdks-in-ci", "https://example.com/blog/sdks-in-ci?utm_source=devto&utm_medium=referral&utm_campaign=launch",
            "https://example.com/docs/quickstart?utm_source=google&utm_medium=cpc", "https://example.com/blog/go-sdk?gclid=EAIaIQobChMI",
            "https://example.com/docs/auth", "https://example.com/blog/sdks-in-ci?ref=hn", "https://example.com/pricing?fbclid=IwAR3x",
        ];
        _views = new TrafficSignal[DistinctViews];
        for (var i = 0; i < _views.Length; i++)
        {
            var bot = random.NextDouble() < 0.15;
            _views[i] = new TrafficSignal(
                bot ? crawlers[random.Next(crawlers.Length)] : browsers[random.Next(browsers.Length)],
                random.NextDouble() < 0.02 ? "HEAD" : "GET",
                urls[random.Next(urls.Length)],
                EngagedSeconds: random.NextDouble() < 0.1 ? null : random.Next(0, 300));
        }

        // Compiles the patterns and learns every user agent once, as a running server has.
        foreach (var view in _views)
        {
            _ = TrafficClassifier.Classify(view, EngagementThresholds.DefaultSeconds);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 10_000_000)]
    public int UserAgentOnly()
    {
        var bots = 0;
        var classifier = BotUserAgents.Default;
        for (var i = 0; i < PageViews; i++)
        {
            bots += classifier.IsBot(_views[i % DistinctViews].UserAgent) ? 1 : 0;
        }

        return bots;
    }

    [Benchmark(OperationsPerInvoke = 10_000_000)]
    public int Classify()
    {
        var validated = 0;
        for (var i = 0; i < PageViews; i++)
        {
            validated += TrafficClassifier.Classify(_views[i % DistinctViews], EngagementThresholds.DefaultSeconds).IsValidated() ? 1 : 0;
        }

        return validated;
    }
}

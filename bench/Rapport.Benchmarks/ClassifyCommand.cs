using System.Diagnostics;
using System.Globalization;
using Rapport.Core.Reach;

namespace Rapport.Benchmarks;

/// <summary>
/// <c>classify [--views N] [--runs R]</c>: classifies N page views (default 10 million) into bot, paid and engaged with
/// <see cref="TrafficClassifier"/>, R times (default 5), and prints views per second of each run and the median. The
/// views are drawn from a million distinct ones with a realistic mix: 4,000 browser user agents and the 2,118 crawler
/// examples (15 % of views), utm-tagged and ad-clicked URLs, 2 % HEAD requests, dwell times from 0 to 5 minutes.
/// Prints the rate per CPU second too: on a shared machine wall-clock time measures the sharing. A plain timed loop rather than BenchmarkDotNet: one operation is ten million views, which BenchmarkDotNet's
/// in-process runner refuses as too long and whose out-of-process build times out on a busy machine.
/// </summary>
internal static class ClassifyCommand
{
    private const int DistinctViews = 1_000_000;

    public static int Run(string[] args)
    {
        var views = Option(args, "--views", 10_000_000);
        var runs = Option(args, "--runs", 5);
        var sample = Generate();
        var setup = Stopwatch.StartNew();
        foreach (var view in sample)
        {
            _ = TrafficClassifier.Classify(view, EngagementThresholds.DefaultSeconds);
        }

        Console.WriteLine($"compiled the patterns and learned {DistinctViews:N0} views' user agents in {setup.Elapsed.TotalSeconds:0.0} s");
        var rates = new List<double>();
        var cpuRates = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var validated = 0L;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < views; i++)
            {
                validated += TrafficClassifier.Classify(sample[i % DistinctViews], EngagementThresholds.DefaultSeconds).IsValidated() ? 1 : 0;
            }

            clock.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var rate = views / clock.Elapsed.TotalSeconds;
            rates.Add(rate);
            cpuRates.Add(views / cpu);
            Console.WriteLine(
                $"run {run}: {views:N0} views in {clock.Elapsed.TotalSeconds:0.00} s = {rate:N0} views/s; {cpu:0.00} CPU s = {views / cpu:N0} views per CPU second ({validated:N0} validated)");
        }

        rates.Sort();
        cpuRates.Sort();
        // On a machine shared with other work the wall-clock rate measures the sharing; CPU time measures the code.
        Console.WriteLine($"median: {rates[rates.Count / 2]:N0} views/s; best: {rates[^1]:N0} views/s; median per CPU second: {cpuRates[cpuRates.Count / 2]:N0}");
        return 0;
    }

    private static TrafficSignal[] Generate()
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
        var views = new TrafficSignal[DistinctViews];
        for (var i = 0; i < views.Length; i++)
        {
            var bot = random.NextDouble() < 0.15;
            views[i] = new TrafficSignal(
                bot ? crawlers[random.Next(crawlers.Length)] : browsers[random.Next(browsers.Length)],
                random.NextDouble() < 0.02 ? "HEAD" : "GET",
                urls[random.Next(urls.Length)],
                EngagedSeconds: random.NextDouble() < 0.1 ? null : random.Next(0, 300));
        }

        return views;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

namespace Rapport.Core.Reach;

/// <summary>
/// Turns an access log's page views, in time order, into classified page views per URL and day. Engagement is
/// estimated from the time to the same visitor's (address and user agent) next page view: a reader who opens another
/// page 2 minutes later read for 2 minutes. A gap over <see cref="SessionGap"/>, and a visitor's last page, tell
/// nothing and are never engaged — so the estimate is a lower bound. Bursts are counted per visitor over page views.
/// </summary>
public sealed class PageViewTally(string site, double engagedThresholdSeconds, BotUserAgents? bots = null)
{
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    private readonly BurstDetector _bursts = new();
    private readonly Dictionary<string, (AccessLogLine Line, bool Burst)> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Url, DateOnly Day), long[]> _counts = [];
    private readonly string _site = site.TrimEnd('/');
    private readonly BotUserAgents _bots = bots ?? BotUserAgents.Default;

    /// <summary>Counts one request; requests that are not page views are passed over.</summary>
    public void Add(AccessLogLine line)
    {
        if (!line.IsPageView)
        {
            return;
        }

        var visitor = line.Client + " " + line.UserAgent;
        var burst = _bursts.IsBurst(visitor, line.At);
        if (_pending.Remove(visitor, out var previous))
        {
            var dwell = line.At - previous.Line.At;
            Count(previous.Line, previous.Burst, dwell <= SessionGap ? dwell.TotalSeconds : null);
        }

        _pending[visitor] = (line, burst);
    }

    /// <summary>The counts so far, every visitor's last page view included (never engaged).</summary>
    public IReadOnlyList<PageReachRow> Rows()
    {
        foreach (var (_, (line, burst)) in _pending)
        {
            Count(line, burst, dwellSeconds: null);
        }

        _pending.Clear();
        return [.. _counts.OrderBy(pair => pair.Key.Url, StringComparer.Ordinal).ThenBy(pair => pair.Key.Day)
            .Select(pair => new PageReachRow(pair.Key.Url, pair.Key.Day, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3], pair.Value[4], pair.Value[5]))];
    }

    private void Count(AccessLogLine line, bool burst, double? dwellSeconds)
    {
        var traffic = TrafficClassifier.Classify(
            new TrafficSignal(line.UserAgent, line.Method, _site + line.Target, line.Referrer, EngagedSeconds: dwellSeconds, Burst: burst),
            engagedThresholdSeconds, _bots);
        var key = (_site + line.Path, DateOnly.FromDateTime(line.At));
        if (!_counts.TryGetValue(key, out var counts))
        {
            _counts[key] = counts = new long[6];
        }

        counts[0]++;
        counts[1] += traffic.IsHuman() ? 1 : 0;
        counts[2] += traffic.IsOrganic() ? 1 : 0;
        counts[3] += traffic.IsHuman() && (traffic & TrafficClass.Engaged) != 0 ? 1 : 0;
        counts[4] += traffic.IsValidated() ? 1 : 0;
        counts[5] += traffic.IsPaidEngaged() ? 1 : 0;
    }
}

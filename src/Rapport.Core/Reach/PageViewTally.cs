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
    private readonly PageReachCounts _counts = new();
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
        return _counts.Rows();
    }

    private void Count(AccessLogLine line, bool burst, double? dwellSeconds)
    {
        var traffic = TrafficClassifier.Classify(
            new TrafficSignal(line.UserAgent, line.Method, _site + line.Target, line.Referrer, EngagedSeconds: dwellSeconds, Burst: burst),
            engagedThresholdSeconds, _bots);
        _counts.Add(_site + line.Path, line.At, traffic);
    }
}

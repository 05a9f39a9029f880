namespace Rapport.Core.Reach;

/// <summary>
/// Classified page views added up per URL and day, the shape reach reports read: shared by the access-log tally and
/// the retention rollup so that a view counts the same way whichever path brings it in.
/// </summary>
internal sealed class PageReachCounts
{
    private readonly Dictionary<(string Url, DateOnly Day), long[]> _counts = [];

    public void Add(string url, DateTime at, TrafficClass traffic)
    {
        var key = (url, DateOnly.FromDateTime(at));
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

    /// <summary>One row per URL and day, ordered by URL, then day.</summary>
    public IReadOnlyList<PageReachRow> Rows() =>
        [.. _counts.OrderBy(pair => pair.Key.Url, StringComparer.Ordinal).ThenBy(pair => pair.Key.Day)
            .Select(pair => new PageReachRow(pair.Key.Url, pair.Key.Day, pair.Value[0], pair.Value[1], pair.Value[2], pair.Value[3], pair.Value[4], pair.Value[5]))];
}

using Rapport.Core.Content;

namespace Rapport.Core.Reach;

/// <summary>
/// The first-party script's page views turned into the counts reach reports read (per page and day, classified), so
/// that the raw views can be deleted after the retention period (docs/security.md#retention) without changing a report.
/// Each view is classified as <see cref="ContentReachReport"/> classifies it: with the engagement threshold of the
/// content item its URL belongs to, else the default one.
/// </summary>
public static class PageViewRollup
{
    /// <summary>One row per normalised URL and day, every count added up; ordered by URL, then day.</summary>
    public static IReadOnlyList<PageReachRow> Of(IEnumerable<BeaconView> views, IReadOnlyList<ContentItem> items, EngagementThresholds thresholds)
    {
        var kinds = new Dictionary<string, ContentKind>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            foreach (var url in item.Urls)
            {
                kinds.TryAdd(ContentReachReport.NormaliseUrl(url), item.Kind);
            }
        }

        var rows = new Dictionary<(string Url, DateOnly Day), long[]>();
        foreach (var view in views)
        {
            var url = ContentReachReport.NormaliseUrl(view.Url);
            var traffic = BeaconViews.Classify(view, thresholds.For(kinds.TryGetValue(url, out var kind) ? kind : null));
            var key = (url, DateOnly.FromDateTime(view.At));
            if (!rows.TryGetValue(key, out var counts))
            {
                rows[key] = counts = new long[6];
            }

            counts[0]++;
            counts[1] += traffic.IsHuman() ? 1 : 0;
            counts[2] += traffic.IsOrganic() ? 1 : 0;
            counts[3] += traffic.IsHuman() && (traffic & TrafficClass.Engaged) != 0 ? 1 : 0;
            counts[4] += traffic.IsValidated() ? 1 : 0;
            counts[5] += traffic.IsPaidEngaged() ? 1 : 0;
        }

        return [.. rows.OrderBy(row => row.Key.Url, StringComparer.Ordinal).ThenBy(row => row.Key.Day).Select(row => new PageReachRow(row.Key.Url, row.Key.Day, row.Value[0], row.Value[1], row.Value[2], row.Value[3], row.Value[4], row.Value[5]))];
    }
}

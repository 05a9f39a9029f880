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

        var counts = new PageReachCounts();
        foreach (var view in views)
        {
            var url = ContentReachReport.NormaliseUrl(view.Url);
            counts.Add(url, view.At, BeaconViews.Classify(view, thresholds.For(kinds.TryGetValue(url, out var kind) ? kind : null)));
        }

        return counts.Rows();
    }
}

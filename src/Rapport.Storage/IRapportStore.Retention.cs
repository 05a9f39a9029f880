using Rapport.Core.Reach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Retention of raw page views (docs/security.md#retention).</summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Rolls the first-party script's page views that began before <paramref name="olderThan"/> into per-page-and-day
    /// totals (classified with the default engagement thresholds) and deletes their raw beacons, in one transaction,
    /// so reach reports give the same numbers afterwards. Writes an audit entry for <paramref name="actor"/> when
    /// anything was deleted; pruning again with nothing older changes nothing.
    /// </summary>
    Task<PageViewPrune> PrunePageViewsAsync(Workspace workspace, DateTime olderThan, string actor, CancellationToken cancellationToken);

    /// <summary>The totals earlier prunes kept, per page and day.</summary>
    Task<IReadOnlyList<PageReachRow>> ListPageViewTotalsAsync(Workspace workspace, CancellationToken cancellationToken);
}

using Rapport.Core.Funnel;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public partial interface IRapportStore
{
    /// <summary>The funnel of the developers the filter selects: first seen in its range, in its ICP, first touched through its channel.</summary>
    Task<FunnelReport> GetFunnelAsync(Workspace workspace, FunnelFilter filter, CancellationToken cancellationToken);

    /// <summary>The channels developers' first activities came through (lower case, most developers first): the choices of the funnel's channel filter.</summary>
    Task<IReadOnlyList<string>> ListFirstTouchChannelsAsync(Workspace workspace, CancellationToken cancellationToken);
}

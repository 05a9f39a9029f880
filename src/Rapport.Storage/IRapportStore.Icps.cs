using Rapport.Core.Community;
using Rapport.Core.Funnel;
using Rapport.Core.Icps;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Ideal customer profiles: their rules, who is in each, and reports filtered by them (docs/icps.md).</summary>
public partial interface IRapportStore
{
    /// <summary>The workspace's ICPs, or <see cref="IcpSet.Empty"/> until it sets some.</summary>
    Task<IcpSet> GetIcpsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Replaces the workspace's ICPs and re-derives who is in each as of now.</summary>
    Task<IcpRefresh> SetIcpsAsync(Workspace workspace, IcpSet icps, CancellationToken cancellationToken);

    /// <summary>
    /// Re-derives who is in each ICP from every member's traits, organization and activities as of
    /// <paramref name="asOf"/>: the rules are evaluated in Core, the result replaces the stored membership whole.
    /// </summary>
    Task<IcpRefresh> RefreshIcpsAsync(Workspace workspace, DateTime asOf, CancellationToken cancellationToken);

    /// <summary>When membership was last derived and how many were evaluated; <c>null</c> before the first time.</summary>
    Task<IcpRefresh?> GetIcpRefreshAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>The ids of the members in an ICP as last derived, ascending.</summary>
    Task<IReadOnlyList<long>> ListIcpMembersAsync(Workspace workspace, string icp, CancellationToken cancellationToken);

    /// <summary>For each ICP: its members, their stage distribution, and the content tagged for it (<c>NAME</c> or <c>icp:NAME</c>).</summary>
    Task<IReadOnlyList<IcpCoverage>> GetIcpCoverageAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>The ICP file, when membership was last derived, and each ICP's coverage: what <c>rapport icp show</c> and the API show.</summary>
    Task<IcpSummary> GetIcpSummaryAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>The funnel of the members of one ICP (all members when <paramref name="icp"/> is <c>null</c>).</summary>
    Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, string? icp, CancellationToken cancellationToken);

    /// <summary>The level report (<see cref="GetLevelReportAsync(Workspace, int, CancellationToken)"/>) counting only the members of <paramref name="icp"/> when given.</summary>
    Task<LevelReport> GetLevelReportAsync(Workspace workspace, int movesPerMonth, string? icp, CancellationToken cancellationToken);
}

using Rapport.Core.Funnel;
using Rapport.Core.Reach;
using Rapport.Core.Reports;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Caching;
using Rapport.Web.Csv;

namespace Rapport.Web;

/// <summary>Reports over HTTP: the same report code and JSON as the command line.</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports");
        reports.MapGet("/funnel", GetFunnelAsync)
            .WithName("GetFunnel")
            .WithSummary("The developer journey funnel: developers per stage and conversion between stages.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithETag();
        reports.MapGet("/content", GetContentReachAsync)
            .WithName("GetContentReach")
            .WithSummary("Validated reach per content item, or per reuse tree.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithETag()
            .WithCsvExport();
        reports.MapGet("/channels", GetChannelReachAsync)
            .WithName("GetChannelReach")
            .WithSummary("Validated reach per channel.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithETag()
            .WithCsvExport();
    }

    private static async Task<Ok<IReadOnlyList<ContentReach>>> GetContentReachAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, double? engagedSeconds, bool? trees, string? icp, CancellationToken cancellationToken)
    {
        var report = await ReachAsync(store, workspaces, workspace, engagedSeconds, icp, cancellationToken);
        return TypedResults.Ok(trees == true ? report.Trees() : report.Items());
    }

    private static async Task<Ok<IReadOnlyList<ContentReach>>> GetChannelReachAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, double? engagedSeconds, CancellationToken cancellationToken) =>
        TypedResults.Ok((await ReachAsync(store, workspaces, workspace, engagedSeconds, null, cancellationToken)).Channels());

    private static async Task<ContentReachReport> ReachAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, double? engagedSeconds, string? icp, CancellationToken cancellationToken)
    {
        var thresholds = engagedSeconds is { } seconds ? EngagementThresholds.Uniform(seconds) : EngagementThresholds.Default;
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var profile = icp is { } name ? (await store.GetIcpsAsync(resolved, cancellationToken)).Require(name).Name : null;
        return ContentReachReport.Compute(await store.GetContentReachFactsAsync(resolved, profile, cancellationToken), thresholds);
    }

    private static async Task<Ok<FunnelReport>> GetFunnelAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? from, string? to, string? icp, string? channel, string? workspace,
        CancellationToken cancellationToken)
    {
        var range = DateRange.Parse(from, to);
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var profile = icp is null ? null : (await store.GetIcpsAsync(resolved, cancellationToken)).Require(icp).Name;
        return TypedResults.Ok(await store.GetFunnelAsync(resolved, new FunnelFilter(range, profile, channel), cancellationToken));
    }
}

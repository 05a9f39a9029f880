using Rapport.Core.Funnel;
using Rapport.Core.Reports;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>Reports over HTTP: the same report code and JSON as the command line.</summary>
internal static class ReportEndpoints
{
    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports");
        reports.MapGet("/funnel", GetFunnelAsync).WithName("GetFunnel");
    }

    private static async Task<Ok<FunnelReport>> GetFunnelAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? from, string? to, string? workspace, CancellationToken cancellationToken)
    {
        var range = DateRange.Parse(from, to);
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Ok(await store.GetFunnelAsync(resolved, range, cancellationToken));
    }
}

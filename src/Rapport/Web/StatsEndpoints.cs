using Rapport.Core.Reports;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary><c>GET /api/v1/stats</c>: how much a workspace holds, the same counts as <c>rapport stats --json</c>.</summary>
internal static class StatsEndpoints
{
    public static void MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats", GetAsync)
            .WithName("GetStats")
            .WithSummary("Counts of developers, identities and activities, and when the first and last activity happened.")
            .RequiresAccess(RouteAccess.Viewer);
    }

    private static async Task<Ok<WorkspaceStats>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetStatsAsync(caller.Workspace, cancellationToken));
    }
}

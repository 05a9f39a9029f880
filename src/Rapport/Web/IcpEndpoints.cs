using System.Text;
using Rapport.Core.Icps;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>ICPs over HTTP: read their coverage, replace them with an ICP file or refresh membership (owners), as <c>rapport icp</c> does.</summary>
internal static class IcpEndpoints
{
    /// <summary>An ICP file is a few kilobytes; a megabyte is far more than fifty ICPs need.</summary>
    private const int MaxFileBytes = 1 << 20;

    public static void MapIcpEndpoints(this IEndpointRouteBuilder app)
    {
        var icps = app.MapGroup("/api/v1/icps");
        icps.MapGet("/", GetAsync)
            .WithName("GetIcps")
            .WithSummary("The ICPs, when membership was derived, and each ICP's members, stages and content.")
            .RequiresAccess(RouteAccess.Viewer);
        icps.MapPut("/", SetAsync)
            .WithName("SetIcps")
            .WithSummary("Replaces the ICPs with those of an ICP file and derives who is in each.")
            .RequiresAccess(RouteAccess.Owner);
        icps.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshIcps")
            .WithSummary("Works out again who is in each ICP, from the developers' traits, organizations and activities now.")
            .RequiresAccess(RouteAccess.Owner);
    }

    private static async Task<Ok<IcpSummary>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetIcpSummaryAsync(caller.Workspace, cancellationToken));
    }

    private static async Task<Ok<IcpRefresh>> SetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        using var body = await RequestBody.ReadAsync(context.Request, MaxFileBytes, cancellationToken);
        var icps = IcpSet.Parse(Encoding.UTF8.GetString(body.Memory.Span));
        return TypedResults.Ok(await store.SetIcpsAsync(caller.Workspace, icps, cancellationToken));
    }

    /// <summary>What <c>rapport icp refresh</c> prints: when, how many developers were evaluated, and each ICP's members.</summary>
    private static async Task<Ok<IcpRefresh>> RefreshAsync(
        HttpContext context, IRapportStore store, ApiAccess access, TimeProvider clock, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        return TypedResults.Ok(await store.RefreshIcpsAsync(caller.Workspace, clock.GetUtcNow().UtcDateTime, cancellationToken));
    }
}

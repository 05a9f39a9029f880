using System.Text;
using Rapport.Core.Journey;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.OpenApi;

namespace Rapport.Web;

/// <summary>The journey map over HTTP: the same JSON as <c>rapport journey show --json</c> and <c>rapport journey set</c>.</summary>
internal static class JourneyEndpoints
{
    public static void MapJourneyEndpoints(this IEndpointRouteBuilder app)
    {
        var journey = app.MapGroup("/api/v1/journey-map");
        journey.MapGet("", GetAsync)
            .WithName("GetJourneyMap")
            .WithSummary("The journey map: which activity types move developers to which stage.")
            .RequiresAccess(RouteAccess.Viewer)
            .Produces<JourneyMapDocument>();
        journey.MapPut("", SetAsync)
            .WithName("SetJourneyMap")
            .WithSummary("Replace the journey map and re-derive every developer's stage.")
            .RequiresAccess(RouteAccess.Owner)
            .DescribesBody<JourneyMapDocument>()
            .Produces<JourneyMapDocument>();
    }

    private static async Task<ContentHttpResult> GetAsync(
        IRapportStore store, WorkspaceResolver workspaces, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Text((await store.GetJourneyMapAsync(resolved, cancellationToken)).ToJson(), "application/json", Encoding.UTF8);
    }

    /// <summary>Parses the whole body first, so a bad map (a 400 naming what is wrong) changes nothing.</summary>
    private static async Task<ContentHttpResult> SetAsync(
        HttpRequest request, IRapportStore store, WorkspaceResolver workspaces, string? workspace, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var map = JourneyMap.Parse(await reader.ReadToEndAsync(cancellationToken));
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        await store.SetJourneyMapAsync(resolved, map, cancellationToken);
        return TypedResults.Text(map.ToJson(), "application/json", Encoding.UTF8);
    }
}

using System.Data.Common;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>
/// Probes for a process manager or load balancer: <c>/healthz</c> (the process answers) and <c>/readyz</c> (it can
/// serve: the store answers a query and its schema is the one this Rapport writes).
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok"))
            .WithName("Health")
            .WithSummary("Answer ok while the server runs (a liveness probe).")
            .RequiresAccess(RouteAccess.Public)
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        app.MapGet("/readyz", GetReadinessAsync)
            .WithName("Readiness")
            .WithSummary("Tell whether the store answers and its schema is current (a readiness probe).")
            .RequiresAccess(RouteAccess.Public)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<Readiness>, ProblemHttpResult>> GetReadinessAsync(IRapportStore store, CancellationToken cancellationToken)
    {
        StoreStatus status;
        try
        {
            status = await store.GetStatusAsync(cancellationToken);
        }
        catch (Exception e) when (e is StoreUnavailableException or DbException)
        {
            return NotReady($"The store does not answer: {e.Message}");
        }

        return status.IsCurrent
            ? TypedResults.Ok(new Readiness("ready", store.Description, status.SchemaVersion, status.SizeBytes))
            : NotReady($"The store's schema is at version {status.SchemaVersion}; this Rapport needs {status.LatestSchemaVersion} (run rapport migrate).");
    }

    private static ProblemHttpResult NotReady(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready");
}

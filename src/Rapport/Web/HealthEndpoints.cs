namespace Rapport.Web;

internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health");
}

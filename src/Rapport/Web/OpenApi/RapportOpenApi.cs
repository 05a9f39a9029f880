using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Rapport.Web.Access;
using Scalar.AspNetCore;

namespace Rapport.Web.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP API, generated from the route table (<c>/openapi/v1.json</c>), and the
/// interactive reference that reads it (<c>/api/reference</c>).
/// </summary>
internal static class RapportOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/reference";

    public static IServiceCollection AddRapportOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = IsDescribed;
            options.AddDocumentTransformer<RapportDocumentTransformer>();
            options.AddOperationTransformer<RouteAccessOperationTransformer>();
        });

    public static void MapRapportOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath)
            .WithName("GetOpenApiDocument")
            .RequiresAccess(RouteAccess.Public)
            .ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Rapport API")
                .WithOpenApiRoutePattern(DocumentPath))
            .RequiresAccess(RouteAccess.Public)
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Every minimal-API route is described, also one that forgot its <see cref="RouteAccess"/> (the route-walk test
    /// then fails on its missing security); the dashboard's Razor Pages are HTML for people, not API.
    /// </summary>
    private static bool IsDescribed(ApiDescription description) =>
        description.ActionDescriptor is not Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor;
}

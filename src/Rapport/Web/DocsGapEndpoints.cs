using Rapport.Core.DocsGaps;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Caching;

namespace Rapport.Web;

/// <summary>The docs-gap report over HTTP: the same report and JSON as <c>rapport report docs-gaps --json</c>.</summary>
internal static class DocsGapEndpoints
{
    public static void MapDocsGapEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/reports/docs-gaps", GetAsync).WithName("GetDocsGapReport").RequiresAccess(RouteAccess.Viewer)
            .WithETag()
            .WithSummary("Questions grouped into topics and matched against the docs pages, biggest gap first.");

    private static async Task<Ok<DocsGapReport>> GetAsync(
        HttpContext context, IRapportStore store, ApiAccess access, int? minQuestions, double? threshold, int? months, string? workspace,
        CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        var defaults = DocsGapOptions.Default;
        var options = defaults with
        {
            MinQuestions = minQuestions ?? defaults.MinQuestions,
            Threshold = threshold ?? defaults.Threshold,
            Months = months ?? defaults.Months,
        };
        return TypedResults.Ok(await store.GetDocsGapReportAsync(caller.Workspace, options, cancellationToken));
    }
}

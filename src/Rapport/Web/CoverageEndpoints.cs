using System.Text;
using System.Text.Json;
using Rapport.Core.Coverage;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;

namespace Rapport.Web;

/// <summary>The coverage matrix over HTTP: its dimensions (read, or replaced by owners) and the report, as <c>rapport coverage</c> and <c>rapport report coverage</c>.</summary>
internal static class CoverageEndpoints
{
    /// <summary>A coverage file is a few kilobytes; a megabyte is far more than twenty dimensions need.</summary>
    private const int MaxFileBytes = 1 << 20;

    public static void MapCoverageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reports/coverage", GetReportAsync)
            .WithName("GetCoverageReport")
            .WithSummary("Content supply against developer and question demand per dimension value, with the under-served cells.")
            .RequiresAccess(RouteAccess.Viewer);
        app.MapGet("/api/v1/coverage", GetConfigAsync)
            .WithName("GetCoverageDimensions")
            .WithSummary("The coverage dimensions as a coverage file.")
            .RequiresAccess(RouteAccess.Viewer);
        app.MapPut("/api/v1/coverage", SetConfigAsync)
            .WithName("SetCoverageDimensions")
            .WithSummary("Replaces the coverage dimensions with those of a coverage file.")
            .RequiresAccess(RouteAccess.Owner);
    }

    private static async Task<Ok<CoverageReport>> GetReportAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(await store.GetCoverageReportAsync(caller.Workspace, cancellationToken));
    }

    private static async Task<Ok<JsonElement>> GetConfigAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Viewer, cancellationToken);
        return TypedResults.Ok(Document(await store.GetCoverageConfigAsync(caller.Workspace, cancellationToken)));
    }

    private static async Task<Ok<JsonElement>> SetConfigAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Owner, cancellationToken);
        using var body = await RequestBody.ReadAsync(context.Request, MaxFileBytes, cancellationToken);
        var config = CoverageConfig.Parse(Encoding.UTF8.GetString(body.Memory.Span));
        await store.SetCoverageConfigAsync(caller.Workspace, config, cancellationToken);
        return TypedResults.Ok(Document(config));
    }

    private static JsonElement Document(CoverageConfig config)
    {
        using var document = JsonDocument.Parse(config.ToJson());
        return document.RootElement.Clone();
    }
}

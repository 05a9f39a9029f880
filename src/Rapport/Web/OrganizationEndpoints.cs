using Rapport.Core.Members;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>Organizations over HTTP: the same list as <c>rapport orgs list --json</c>.</summary>
internal static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/organizations", ListAsync)
            .WithName("ListOrganizations")
            .WithSummary("Organizations, largest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();

    private static async Task<Ok<Page<OrganizationSummary>>> ListAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken) =>
        TypedResults.Ok(Pages.Of(
            await store.ListOrganizationsAsync(await workspaces.ResolveAsync(workspace, cancellationToken), cancellationToken), page,
            "ListOrganizations", organization => organization.Name));
}

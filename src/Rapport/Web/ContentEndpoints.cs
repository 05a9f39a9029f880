using Microsoft.AspNetCore.Mvc;
using Rapport.Core.ApiKeys;
using Rapport.Core.Content;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>
/// The content catalog over HTTP. Reading is open like the other reports; adding and editing need an <c>admin</c> key
/// (HTTP Basic user name), which also decides the workspace.
/// </summary>
internal static class ContentEndpoints
{
    public static void MapContentEndpoints(this IEndpointRouteBuilder app)
    {
        var content = app.MapGroup("/api/v1/content");
        content.MapGet("/", ListAsync)
            .WithName("ListContent")
            .WithSummary("The content catalog, filtered by kind, channel, tag or search.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        content.MapGet("/{id:long}", GetAsync)
            .WithName("GetContent")
            .WithSummary("One content item and its reuse tree.")
            .RequiresAccess(RouteAccess.Viewer);
        content.MapPost("/", AddAsync)
            .WithName("AddContent")
            .WithSummary("Add an item to the content catalog.")
            .RequiresAccess(RouteAccess.Editor);
        content.MapPatch("/{id:long}", EditAsync)
            .WithName("EditContent")
            .WithSummary("Change the given fields of a content item.")
            .RequiresAccess(RouteAccess.Editor);
    }

    private static async Task<Ok<Page<ContentItem>>> ListAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? kind, string? channel, string? tag, string? search, string? workspace,
        CancellationToken cancellationToken)
    {
        var query = new ContentQuery
        {
            Kind = kind is null ? null : ContentNames.ParseKind(kind),
            Channel = channel,
            Tag = tag,
            Search = search,
        };
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        const string list = "ListContent";
        return TypedResults.Ok(Pages.Keyed(await store.ListContentAsync(resolved, query, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<ContentDetail>> GetAsync(
        IRapportStore store, WorkspaceResolver workspaces, long id, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var tree = new ContentTree(await store.ListContentAsync(resolved, cancellationToken));
        var item = tree.Find(id) ?? throw new NotFoundException($"There is no content item {id}.");
        return TypedResults.Ok(new ContentDetail(item, tree.TreeOf(id)));
    }

    private static async Task<Created<ContentItem>> AddAsync(
        IRapportStore store, WriteKeyAuthenticator keys, HttpRequest request, [FromBody] ContentFields fields, CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, bodyWriteKey: null, ApiKeyScope.Admin, cancellationToken);
        var item = await store.AddContentAsync(grant.Workspace, fields, cancellationToken);
        return TypedResults.Created($"/api/v1/content/{item.Id}", item);
    }

    private static async Task<Ok<ContentItem>> EditAsync(
        IRapportStore store, WriteKeyAuthenticator keys, HttpRequest request, long id, [FromBody] ContentFields changes,
        CancellationToken cancellationToken)
    {
        var grant = await keys.AuthenticateAsync(request, bodyWriteKey: null, ApiKeyScope.Admin, cancellationToken);
        var item = await store.UpdateContentAsync(grant.Workspace, id, changes, cancellationToken)
            ?? throw new NotFoundException($"There is no content item {id}.");
        return TypedResults.Ok(item);
    }
}

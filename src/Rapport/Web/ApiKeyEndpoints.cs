using Rapport.Core.ApiKeys;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>The workspace's API keys over HTTP, for owners, as <c>rapport keys</c>: list, create (the key is shown once), revoke.</summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys");
        keys.MapGet("", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("The workspace's keys: prefix, scope, name, created, revoked; never the keys themselves.")
            .RequiresAccess(RouteAccess.Owner);
        keys.MapPost("", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Creates a key; the answer holds the key itself, the only time it is shown.")
            .RequiresAccess(RouteAccess.Owner);
        keys.MapDelete("/{prefix}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revokes a key: requests with it are refused from now on.")
            .RequiresAccess(RouteAccess.Owner);
    }

    /// <summary>A key to create: its scope (ingest, read or admin) and an optional name.</summary>
    internal sealed record ApiKeyRequest(string? Scope, string? Name);

    private static async Task<Ok<Page<ApiKey>>> ListAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        const string list = "ListApiKeys";
        return TypedResults.Ok(Pages.Keyed(await store.ListApiKeysAsync(resolved, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Created<CreatedApiKey>> CreateAsync(
        IRapportStore store, WorkspaceResolver workspaces, ApiKeyRequest request, string? workspace, CancellationToken cancellationToken)
    {
        if (!ApiKeyScopes.TryParse(request.Scope, out var scope))
        {
            throw new FormatException($"'scope' must be one of {string.Join(", ", ApiKeyScopes.Names)}, not '{request.Scope}'.");
        }

        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var created = await store.CreateApiKeyAsync(resolved, scope.Value, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(), cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{created.Key.Prefix}", created);
    }

    private static async Task<Ok<ApiKey>> RevokeAsync(
        IRapportStore store, WorkspaceResolver workspaces, string prefix, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return TypedResults.Ok(await store.RevokeApiKeyAsync(resolved, prefix, cancellationToken)
            ?? throw new NotFoundException($"There is no key {prefix}."));
    }
}

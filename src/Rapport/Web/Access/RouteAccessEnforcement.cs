using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Dashboard;

namespace Rapport.Web.Access;

/// <summary>
/// Applies every route's declared <see cref="RouteAccess"/> before its handler runs, by <see cref="ApiAccess"/>'s rules.
/// A route that declares nothing is refused to everyone, so a forgotten declaration closes a route rather than opening
/// it (and the authorization matrix test names it). API routes answer a refusal with 401/403 problem details; a
/// dashboard page sends a browser to sign in (or to the forbidden page), and only a session cookie opens a page.
/// </summary>
internal sealed class RouteAccessEnforcement(
    RequestDelegate next, ApiAccess access, IAntiforgery antiforgery, IRapportStore store, WorkspaceResolver workspaces)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var declared = endpoint.Metadata.GetMetadata<RouteAccessMetadata>()
            ?? throw new ForbiddenException($"The route '{endpoint.DisplayName}' declares no access, so no one may call it.");
        var cancellationToken = context.RequestAborted;
        switch (declared.Access)
        {
            case RouteAccess.Public:
            case RouteAccess.Signed:
                // Anyone may ask; a signed delivery's handler checks the signature over the body it reads.
                break;
            case RouteAccess.Ingest:
                // A key in the header is checked before the body is read; without one, the body's writeKey is.
                await access.RequireKeyAsync(context, ApiKeyScope.Ingest, cancellationToken);
                break;
            default:
                var role = RoleOf(declared.Access);
                if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                {
                    if (!await AllowsPageAsync(context, role))
                    {
                        return;
                    }
                }
                else
                {
                    if (declared.Access == RouteAccess.OwnerSession && ApiAccess.HasKey(context.Request))
                    {
                        throw new ForbiddenException(
                            "Users belong to the whole installation and an API key to one workspace: only a signed-in owner manages users.");
                    }

                    await access.RequireAsync(context, RequestedWorkspace(context), role, cancellationToken);
                    await RequireAntiforgeryAsync(context, cancellationToken);
                }

                break;
        }

        await next(context);
        if (IsAdministrative(context, endpoint, declared.Access) && context.Response.StatusCode < 400)
        {
            await AuditAsync(context, endpoint, cancellationToken);
        }
    }

    public static UserRole RoleOf(RouteAccess access) => access switch
    {
        RouteAccess.Viewer => UserRole.Viewer,
        RouteAccess.Editor => UserRole.Editor,
        RouteAccess.Owner or RouteAccess.OwnerSession => UserRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "only the roles' accesses name a role"),
    };

    /// <summary>
    /// A change an editor or owner made: every request that is not a read on a route for editors or owners, and every
    /// form a signed-in user posts on a dashboard page (a note, a merge, a user, a key, a webhook, a setting).
    /// </summary>
    private static bool IsAdministrative(HttpContext context, Endpoint endpoint, RouteAccess access) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
        && (access is RouteAccess.Editor or RouteAccess.Owner or RouteAccess.OwnerSession
            || (access != RouteAccess.Public && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null))
        // An erasure writes its own entry, in its transaction, naming the member number rather than the identity asked for.
        && endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != "EraseMember";

    /// <summary>Records who changed what: the operation (or page and form) and the path, never the request body.</summary>
    private async Task AuditAsync(HttpContext context, Endpoint endpoint, CancellationToken cancellationToken)
    {
        var caller = await access.CallerAsync(context, cancellationToken);
        var actor = caller.Key is { } key ? $"key:{key.Prefix}" : caller.User is { } user ? UserClaims.Email(user) : null;
        if (actor is null)
        {
            return;
        }

        var workspace = caller.Key?.Workspace ?? await workspaces.ResolveAsync(RequestedWorkspace(context), cancellationToken);
        var action = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
            ?? (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page
                ? $"{page.ViewEnginePath}:{(context.Request.Query.TryGetValue("handler", out var handler) ? handler.ToString() : context.Request.Method)}"
                : endpoint.DisplayName ?? "?");
        await store.AddAuditEntryAsync(workspace, actor, action, $"{context.Request.Method} {context.Request.Path}", null, cancellationToken);
    }

    /// <summary>The workspace a request names: <c>/…/{workspace}</c> in its route, or <c>?workspace=</c>.</summary>
    private static string? RequestedWorkspace(HttpContext context) =>
        context.Request.RouteValues["workspace"] as string ?? (context.Request.Query.TryGetValue("workspace", out var query) ? query.ToString() : null);

    private static async Task<bool> AllowsPageAsync(HttpContext context, UserRole role)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            return false;
        }

        if (!UserClaims.Can(context.User, role))
        {
            await context.ForbidAsync();
            return false;
        }

        return true;
    }

    /// <summary>
    /// A session cookie is sent by the browser whatever page started the request, so a signed-in request that changes
    /// something over the API must also carry the dashboard's anti-forgery token (a key is not sent by a browser on its own).
    /// </summary>
    private async Task RequireAntiforgeryAsync(HttpContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!ApiAccess.HasKey(context.Request) && !await antiforgery.IsRequestValidAsync(context))
        {
            throw new ForbiddenException("A signed-in request that changes something must carry the dashboard's anti-forgery token.");
        }
    }
}

using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Web.Dashboard;

namespace Rapport.Web.Access;

/// <summary>
/// Applies every route's declared <see cref="RouteAccess"/> before its handler runs, by <see cref="ApiAccess"/>'s rules.
/// A route that declares nothing is refused to everyone, so a forgotten declaration closes a route rather than opening
/// it (and the authorization matrix test names it). API routes answer a refusal with 401/403 problem details; a
/// dashboard page sends a browser to sign in (or to the forbidden page), and only a session cookie opens a page.
/// </summary>
internal sealed class RouteAccessEnforcement(RequestDelegate next, ApiAccess access, IAntiforgery antiforgery)
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
                    await access.RequireAsync(context, RequestedWorkspace(context), role, cancellationToken);
                    await RequireAntiforgeryAsync(context, cancellationToken);
                }

                break;
        }

        await next(context);
    }

    public static UserRole RoleOf(RouteAccess access) => access switch
    {
        RouteAccess.Viewer => UserRole.Viewer,
        RouteAccess.Editor => UserRole.Editor,
        RouteAccess.Owner => UserRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, "only the roles' accesses name a role"),
    };

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

using System.Net.Http.Headers;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Dashboard;

namespace Rapport.Web;

/// <summary>
/// The one set of rules for who may call a route: a dashboard user signed in with at least the role (their session
/// cookie), or an API key — <c>Authorization: Bearer KEY</c> or the HTTP Basic user name — whose scope allows it
/// (<c>ingest</c> for the tracking API, <c>read</c> for what a viewer sees, <c>admin</c> for the rest). A key acts on
/// its own workspace only. <see cref="RouteAccessEnforcement"/> applies these rules to every route before its handler;
/// handlers that ask again get the caller already found, without a second look-up.
/// </summary>
internal sealed class ApiAccess(IRapportStore store, WorkspaceResolver workspaces)
{
    private static readonly object CallerItem = new();

    public async Task<ApiCaller> RequireAsync(HttpContext context, string? workspace, UserRole role, CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(context, cancellationToken);
        if (caller.Key is { } grant)
        {
            var needed = role == UserRole.Viewer ? ApiKeyScope.Read : ApiKeyScope.Admin;
            RequireScope(grant, needed);
            if (!string.IsNullOrWhiteSpace(workspace) && workspace.Trim() != grant.Workspace.Slug)
            {
                throw new ForbiddenException($"The key {grant.Prefix}… belongs to the workspace '{grant.Workspace.Slug}', not '{workspace.Trim()}'.");
            }

            return new ApiCaller(grant.Workspace, $"key:{grant.Prefix}");
        }

        if (caller.User is { } user)
        {
            if (!UserClaims.Can(user, role))
            {
                throw new ForbiddenException($"This needs a dashboard user with the role {UserRoles.Name(role)} or above.");
            }

            return new ApiCaller(await workspaces.ResolveAsync(workspace, cancellationToken), UserClaims.Email(user));
        }

        throw new ApiKeyRejectedException(
            "This needs an API key (Authorization: Bearer KEY, or the key as the HTTP Basic user name) or a signed-in dashboard user.");
    }

    /// <summary>A key with at least <paramref name="needed"/> in the request's Authorization header, or <c>null</c> when it has none.</summary>
    public async Task<ApiKeyGrant?> RequireKeyAsync(HttpContext context, ApiKeyScope needed, CancellationToken cancellationToken)
    {
        if (ApiKeyOf(context.Request) is null)
        {
            return null;
        }

        var grant = (await CallerAsync(context, cancellationToken)).Key!;
        RequireScope(grant, needed);
        return grant;
    }

    /// <summary>The request's caller, found once: an unknown or revoked key is refused here, whatever the route.</summary>
    public async Task<RouteCaller> CallerAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Items.TryGetValue(CallerItem, out var cached) && cached is RouteCaller known)
        {
            return known;
        }

        RouteCaller caller;
        if (ApiKeyOf(context.Request) is { } key)
        {
            var grant = await store.AuthenticateApiKeyAsync(key, cancellationToken)
                ?? throw new ApiKeyRejectedException("The API key is not valid: it is unknown or was revoked.");
            caller = new RouteCaller(grant, null);
        }
        else
        {
            caller = context.User.Identity?.IsAuthenticated == true ? new RouteCaller(null, context.User) : RouteCaller.Anonymous;
        }

        context.Items[CallerItem] = caller;
        return caller;
    }

    /// <summary>The key this request was already authorized with, if any (for the workspace a key may see).</summary>
    public static ApiKeyGrant? KeyOf(HttpContext context) =>
        context.Items.TryGetValue(CallerItem, out var cached) && cached is RouteCaller caller ? caller.Key : null;

    public static bool HasKey(HttpRequest request) => ApiKeyOf(request) is not null;

    private static void RequireScope(ApiKeyGrant grant, ApiKeyScope needed)
    {
        if (!grant.Scope.Allows(needed))
        {
            throw new ForbiddenException(
                $"The key {grant.Prefix}… has the scope {ApiKeyScopes.Name(grant.Scope)}; this needs a key with the scope {ApiKeyScopes.Name(needed)}.");
        }
    }

    private static string? ApiKeyOf(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(header.Parameter))
        {
            return header.Parameter.Trim();
        }

        return WriteKeyAuthenticator.BasicUserName(request)?.Trim();
    }
}

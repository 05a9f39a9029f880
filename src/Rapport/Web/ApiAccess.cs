using System.Net.Http.Headers;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Storage;
using Rapport.Web.Dashboard;

namespace Rapport.Web;

/// <summary>
/// Who may use the endpoints that change or reveal a workspace's leads and webhooks: a dashboard user signed in with
/// at least the role (their session cookie), or an API key — <c>Authorization: Bearer KEY</c> or the HTTP Basic user
/// name — whose scope allows it (<c>read</c> for what a viewer sees, <c>admin</c> for the rest). A key acts on its
/// own workspace only.
/// </summary>
internal sealed class ApiAccess(IRapportStore store, WorkspaceResolver workspaces)
{
    public async Task<ApiCaller> RequireAsync(HttpContext context, string? workspace, UserRole role, CancellationToken cancellationToken)
    {
        if (ApiKeyOf(context.Request) is { } key)
        {
            var grant = await store.AuthenticateApiKeyAsync(key, cancellationToken)
                ?? throw new ApiKeyRejectedException("The API key is not valid: it is unknown or was revoked.");
            var needed = role == UserRole.Viewer ? ApiKeyScope.Read : ApiKeyScope.Admin;
            if (!grant.Scope.Allows(needed))
            {
                throw new ForbiddenException(
                    $"The key {grant.Prefix}… has the scope {ApiKeyScopes.Name(grant.Scope)}; this needs a key with the scope {ApiKeyScopes.Name(needed)}.");
            }

            if (!string.IsNullOrWhiteSpace(workspace) && workspace.Trim() != grant.Workspace.Slug)
            {
                throw new ForbiddenException($"The key {grant.Prefix}… belongs to the workspace '{grant.Workspace.Slug}', not '{workspace.Trim()}'.");
            }

            return new ApiCaller(grant.Workspace, $"key:{grant.Prefix}");
        }

        if (context.User.Identity?.IsAuthenticated == true)
        {
            if (!UserClaims.Can(context.User, role))
            {
                throw new ForbiddenException($"This needs a dashboard user with the role {UserRoles.Name(role)} or above.");
            }

            return new ApiCaller(await workspaces.ResolveAsync(workspace, cancellationToken), UserClaims.Email(context.User));
        }

        throw new ApiKeyRejectedException(
            "This needs an API key (Authorization: Bearer KEY, or the key as the HTTP Basic user name) or a signed-in dashboard user.");
    }

    private static string? ApiKeyOf(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(header.Parameter))
        {
            return header.Parameter.Trim();
        }

        return WriteKeyAuthenticator.BasicUserName(request);
    }
}

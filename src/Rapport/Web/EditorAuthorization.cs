using Microsoft.AspNetCore.Antiforgery;
using Rapport.Core.ApiKeys;
using Rapport.Core.Users;
using Rapport.Core.Workspaces;
using Rapport.Web.Dashboard;

namespace Rapport.Web;

/// <summary>
/// Who may change developers over the API: a dashboard user signed in as an editor or owner (whose request also
/// carries the anti-forgery token, as every dashboard form does), or a client with an <c>admin</c> API key as the
/// HTTP Basic user name (its workspace is the key's). The answer names them for the record.
/// </summary>
internal sealed class EditorAuthorization(WriteKeyAuthenticator keys, WorkspaceResolver workspaces, IAntiforgery antiforgery)
{
    public async Task<(Workspace Workspace, string By)> AuthorizeAsync(HttpContext context, string? workspace, CancellationToken cancellationToken)
    {
        if (WriteKeyAuthenticator.HasBasicCredentials(context.Request))
        {
            var grant = await keys.AuthenticateAsync(context.Request, null, ApiKeyScope.Admin, cancellationToken);
            if (!string.IsNullOrWhiteSpace(workspace) && workspace.Trim() != grant.Workspace.Slug)
            {
                throw new ForbiddenException($"The key {grant.Prefix}… belongs to workspace '{grant.Workspace.Slug}', not '{workspace.Trim()}'.");
            }

            return (grant.Workspace, $"key:{grant.Prefix}");
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            throw new ApiKeyRejectedException(
                "Changing developers needs an editor: sign in to the dashboard, or send an admin API key as the HTTP Basic user name (curl -u KEY:).");
        }

        if (!UserClaims.Can(context.User, UserRole.Editor))
        {
            throw new ForbiddenException("Viewers may look at developers but not merge or split them; an editor or owner may.");
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            throw new ForbiddenException("A signed-in request that changes developers must carry the dashboard's anti-forgery token.");
        }

        return (await workspaces.ResolveAsync(workspace, cancellationToken), UserClaims.Email(context.User));
    }
}

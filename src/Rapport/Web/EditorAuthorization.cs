using Rapport.Core.Users;
using Rapport.Core.Workspaces;

namespace Rapport.Web;

/// <summary>
/// Who may change developers over the API: an editor, by <see cref="ApiAccess"/>'s rules (a signed-in editor or owner,
/// whose request carries the anti-forgery token as <see cref="Access.RouteAccessEnforcement"/> checks, or an
/// <c>admin</c> key of the workspace). The answer names them for the record.
/// </summary>
internal sealed class EditorAuthorization(ApiAccess access)
{
    public async Task<(Workspace Workspace, string By)> AuthorizeAsync(HttpContext context, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, UserRole.Editor, cancellationToken);
        return (caller.Workspace, caller.Name);
    }
}

using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>
/// The workspace a request is about: <c>?workspace=slug</c>, or the one <c>rapport serve</c> was started with — except
/// for a request made with an API key, which is about the key's own workspace and no other.
/// </summary>
internal sealed class WorkspaceResolver(IRapportStore store, string defaultWorkspace, IHttpContextAccessor? requests = null)
{
    public async Task<Workspace> ResolveAsync(string? requested, CancellationToken cancellationToken)
    {
        if (requests?.HttpContext is { } context && ApiAccess.KeyOf(context) is { } key)
        {
            return string.IsNullOrWhiteSpace(requested) || requested.Trim() == key.Workspace.Slug
                ? key.Workspace
                : throw new ForbiddenException($"The key {key.Prefix}… belongs to the workspace '{key.Workspace.Slug}', not '{requested.Trim()}'.");
        }

        var slug = string.IsNullOrWhiteSpace(requested) ? defaultWorkspace : requested.Trim();
        return await store.FindWorkspaceAsync(slug, cancellationToken)
            ?? throw new NotFoundException($"There is no workspace '{slug}'.");
    }
}

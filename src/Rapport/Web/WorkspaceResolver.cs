using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Web;

/// <summary>The workspace a request is about: <c>?workspace=slug</c>, or the one <c>rapport serve</c> was started with.</summary>
internal sealed class WorkspaceResolver(IRapportStore store, string defaultWorkspace)
{
    public async Task<Workspace> ResolveAsync(string? requested, CancellationToken cancellationToken)
    {
        var slug = string.IsNullOrWhiteSpace(requested) ? defaultWorkspace : requested.Trim();
        return await store.FindWorkspaceAsync(slug, cancellationToken)
            ?? throw new NotFoundException($"There is no workspace '{slug}'.");
    }
}

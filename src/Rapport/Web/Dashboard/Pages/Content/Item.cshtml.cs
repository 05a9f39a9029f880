using Rapport.Core.Content;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Content;

internal sealed class ContentItemModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public ContentDetail Detail { get; private set; } = null!;

    public async Task OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var tree = new ContentTree(await Store.ListContentAsync(Workspace, cancellationToken));
        var item = tree.Find(id) ?? throw new NotFoundException($"There is no content item {id}.");
        Detail = new ContentDetail(item, tree.TreeOf(id));
    }
}

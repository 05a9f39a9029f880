using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Core.Users;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Web.Dashboard;

/// <summary>
/// What every dashboard page has: the store, the workspace it shows, and what the signed-in user may do. Pages call
/// the same store methods as the API and the command line, so all three show the same numbers.
/// </summary>
internal abstract class DashboardPage(IRapportStore store, WorkspaceResolver workspaces) : PageModel
{
    protected IRapportStore Store => store;

    public Workspace Workspace { get; private set; } = null!;

    public bool CanEdit => UserClaims.Can(User, UserRole.Editor);

    public bool IsOwner => UserClaims.Can(User, UserRole.Owner);

    /// <summary>A message to show once after a form was handled (Post/Redirect/Get).</summary>
    [TempData]
    public string? Flash { get; set; }

    protected async Task LoadWorkspaceAsync(CancellationToken cancellationToken) =>
        Workspace = await workspaces.ResolveAsync(null, cancellationToken);

    protected FileContentResult Csv(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        File(CsvFile.Write(header, rows), CsvFile.ContentType, $"{Workspace.Slug}-{name}.csv");
}

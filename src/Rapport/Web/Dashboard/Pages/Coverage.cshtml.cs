using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Coverage;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// Coverage: content supply against developer and question demand for each value of the workspace's dimensions, with
/// the under-served cells highlighted and listed. The same report as <c>rapport report coverage</c> and
/// <c>GET /api/v1/reports/coverage</c>.
/// </summary>
internal sealed class CoverageModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public CoverageReport Report { get; private set; } = new([], [], UnderServedRule.Default);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Report = await Store.GetCoverageReportAsync(Workspace, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var report = await Store.GetCoverageReportAsync(Workspace, cancellationToken);
        return Csv("coverage",
            ["dimension", "value", "content_items", "developers", "questions", "supply_share", "developer_share", "question_share", "demand_share", "under_served"],
            report.Dimensions.SelectMany(row => row.Cells).Select(cell => (IReadOnlyList<object?>)
            [
                cell.Dimension, cell.Value, cell.ContentItems, cell.Developers, cell.Questions, cell.SupplyShare, cell.DeveloperShare, cell.QuestionShare,
                cell.DemandShare, cell.UnderServed,
            ]));
    }
}

using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Events;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Events;

internal sealed class EventsModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    /// <summary>The same report as <c>rapport report events</c> and <c>GET /api/v1/reports/events</c>.</summary>
    public EventsReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Report = await Store.GetEventsReportAsync(Workspace, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Csv("events",
            ["id", "name", "kind", "format", "starts_on", "reach", "registered", "attended", "identified", "active_30d", "progressed_30d", "progressed_90d",
                "rate_90d", "own_baseline_90d", "peer_baseline_90d", "effort_hours", "costs"],
            Report.Events.Select(row => (IReadOnlyList<object?>)
            [
                row.EventId, row.Name, EventNames.Name(row.Kind), EventNames.Name(row.Format), row.StartsOn.ToString("yyyy-MM-dd"), row.Reach, row.Registered,
                row.Attended, row.Identified, row.ActiveWithin30Days, row.ProgressedWithin30Days, row.ProgressedWithin90Days, row.ProgressionRate90,
                row.OwnBaselineRate90, row.PeerBaselineRate90, row.EffortHours, string.Join("; ", row.Costs.Select(cost => $"{cost.Total} {cost.Currency}")),
            ]));
    }
}

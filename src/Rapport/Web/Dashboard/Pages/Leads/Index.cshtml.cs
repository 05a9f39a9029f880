using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Leads;
using Rapport.Leads;
using Rapport.Storage;
using Rapport.Webhooks;

namespace Rapport.Web.Dashboard.Pages.Leads;

/// <summary>DevRel-qualified leads: who qualified and why, and their handoff to sales, changed by editors.</summary>
internal sealed class LeadsModel(IRapportStore store, WorkspaceResolver workspaces, WebhookDeliverySignal deliveries) : DashboardPage(store, workspaces)
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>Whether leads that no longer meet the criteria are listed too.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Lapsed { get; set; }

    public IReadOnlyList<Lead> Leads { get; private set; } = [];

    public string CriteriaJson { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        CriteriaJson = (await Store.GetLeadCriteriaAsync(Workspace, cancellationToken)).ToJson();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return File(LeadCsv.Write(Leads), CsvFile.ContentType, $"{Workspace.Slug}-leads.csv");
    }

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken)
    {
        // Razor Pages authorize whole pages, not handlers: a viewer's post is refused here, before anything is written.
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        var result = await Store.RefreshLeadsAsync(Workspace, cancellationToken);
        if (result.Created.Count > 0)
        {
            deliveries.Notify();
        }

        Flash = $"{result.Qualifying} leads qualify: {result.Created.Count} new, {result.Lapsed} no longer qualify.";
        return RedirectToPage(new { Status, Kind, Lapsed });
    }

    public async Task<IActionResult> OnPostStatusAsync(long leadId, string newStatus, string? note, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        if (!LeadStatuses.TryParse(newStatus, out var parsed))
        {
            Flash = $"'{newStatus}' is not a lead status.";
        }
        else
        {
            try
            {
                var lead = await Store.UpdateLeadStatusAsync(Workspace, leadId, parsed.Value, note, UserClaims.Email(User), cancellationToken);
                Flash = lead is null ? $"There is no lead {leadId}." : $"{lead.Name} is now {LeadStatuses.Name(lead.Status).Replace('_', ' ')}.";
            }
            catch (ArgumentException e)
            {
                Flash = e.Message;
            }
        }

        return RedirectToPage(new { Status, Kind, Lapsed });
    }

    public string Link(string? handler)
    {
        var parts = new List<string>();
        if (handler is not null)
        {
            parts.Add($"handler={handler}");
        }

        if (!string.IsNullOrWhiteSpace(Status))
        {
            parts.Add($"status={Uri.EscapeDataString(Status)}");
        }

        if (!string.IsNullOrWhiteSpace(Kind))
        {
            parts.Add($"kind={Uri.EscapeDataString(Kind)}");
        }

        if (Lapsed)
        {
            parts.Add("lapsed=true");
        }

        return "/leads" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        LeadStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (LeadStatuses.TryParse(Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                Error = $"'{Status}' is not a lead status.";
            }
        }

        var kind = Kind switch
        {
            "organization" => LeadKind.Organization,
            "developer" => LeadKind.Developer,
            _ => (LeadKind?)null,
        };
        Leads = [.. (await Store.ListLeadsAsync(Workspace, status, cancellationToken))
            .Where(lead => (kind is null || lead.Kind == kind) && (Lapsed || lead.Qualifies))];
    }
}

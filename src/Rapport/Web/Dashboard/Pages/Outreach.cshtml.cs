using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// The outreach queue: tasks to work through, by status and reason, with the evidence and the suggested message to
/// copy. Editors snooze, finish, dismiss, assign and note; viewers look.
/// </summary>
internal sealed class OutreachModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; } = "open";

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; }

    /// <summary>Only this developer's tasks (the link from a developer's page).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Member { get; set; }

    public OutreachPage Tasks { get; private set; } = new([], 0);

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        if (Query() is { } query)
        {
            Tasks = await Store.ListOutreachTasksAsync(Workspace, query with { Offset = Math.Max(0, PageNumber) * PageSize, Limit = PageSize }, cancellationToken);
        }
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var page = await Store.ListOutreachTasksAsync(Workspace, (Query() ?? new OutreachQuery()) with { Limit = OutreachQuery.MaxLimit }, cancellationToken);
        return Csv("outreach", ["id", "reason", "status", "snoozed_until", "assignee", "member_id", "name", "identities", "stage", "last_activity", "message", "created_at"],
            page.Tasks.Select(t => (IReadOnlyList<object?>)
            [
                t.Id, OutreachReasons.Name(t.Reason), OutreachStatuses.Name(t.Status), t.SnoozedUntil, t.Assignee, t.MemberId, t.Name,
                string.Join(" ", t.Identities), t.Stage is { } stage ? JourneyStages.Name(stage) : null, t.Evidence.LastActivityAt, t.Message, t.CreatedAt,
            ]));
    }

    public async Task<IActionResult> OnPostUpdateAsync(
        long id, string? change, string? until, string? assignee, string? note, CancellationToken cancellationToken)
    {
        // Razor Pages authorize whole pages, not handlers: a viewer's (or forged) post is refused before anything is written.
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            var update = change switch
            {
                "done" => new OutreachTaskUpdate(OutreachStatus.Done),
                "dismiss" => new OutreachTaskUpdate(OutreachStatus.Dismissed),
                "reopen" => new OutreachTaskUpdate(OutreachStatus.Open),
                "snooze" => new OutreachTaskUpdate(OutreachStatus.Snoozed, DateOnly.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, out var date)
                    ? date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)
                    : throw new FormatException("pick the date to snooze the task until")),
                "assign" => new OutreachTaskUpdate(Assignee: assignee ?? ""),
                "note" => new OutreachTaskUpdate(Note: note ?? ""),
                _ => throw new FormatException("unknown change"),
            };
            Flash = await Store.UpdateOutreachTaskAsync(Workspace, id, update, UserClaims.Email(User), cancellationToken) is null
                ? $"There is no task {id}."
                : $"Task {id} updated.";
        }
        catch (FormatException e)
        {
            Flash = e.Message;
        }

        return RedirectToPage(new { Status, Reason, PageNumber, Member });
    }

    public string Link(int page) =>
        $"/outreach?status={Uri.EscapeDataString(Status ?? "")}&reason={Uri.EscapeDataString(Reason ?? "")}&member={Member}&pageNumber={page}";

    private OutreachQuery? Query()
    {
        var query = new OutreachQuery { MemberId = Member };
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (!OutreachStatuses.TryParse(Status, out var status))
            {
                Error = $"'{Status}' is not a status";
                return null;
            }

            query = query with { Status = status };
        }

        if (!string.IsNullOrWhiteSpace(Reason))
        {
            if (!OutreachReasons.TryParse(Reason, out var reason))
            {
                Error = $"'{Reason}' is not a reason";
                return null;
            }

            query = query with { Reason = reason };
        }

        return query;
    }
}

using System.Text;
using Microsoft.AspNetCore.Mvc;
using Rapport.Connectors.Events;
using Rapport.Connectors.Segment;
using Rapport.Core.Events;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Events;

internal sealed class EventModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    /// <summary>An attendee list of a large conference is well under this; the form refuses larger files.</summary>
    public const int MaxFileBytes = 20 << 20;

    /// <summary>The same as <c>rapport events show</c> and <c>GET /api/v1/events/{id}</c>.</summary>
    public EventDetail Detail { get; private set; } = null!;

    /// <summary>What the last import on this page did, shown once (Post/Redirect/Get).</summary>
    [TempData]
    public string? ImportResult { get; set; }

    public async Task OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Detail = await Store.GetEventDetailAsync(Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no event {id}.");
    }

    /// <summary>Imports an attendee list as <c>rapport import attendees</c> does: rejected rows are skipped and listed by line.</summary>
    public async Task<IActionResult> OnPostImportAsync(long id, IFormFile? attendees, bool allAttended, CancellationToken cancellationToken)
    {
        // Razor Pages authorize whole pages, not handlers: a viewer's post is refused here, before anything is written.
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        var devRelEvent = await Store.GetEventAsync(Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no event {id}.");
        if (attendees is null || attendees.Length == 0 || attendees.Length > MaxFileBytes)
        {
            ImportResult = attendees is null || attendees.Length == 0 ? "Choose a CSV file to import." : $"The file is larger than {MaxFileBytes >> 20} MiB.";
            return RedirectToPage(new { id });
        }

        var name = Path.GetFileName(attendees.FileName);
        var rejected = new List<string>();
        try
        {
            await using var input = attendees.OpenReadStream();
            using var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var summary = await new AttendeeCsvImport(Store).ImportAsync(
                Workspace, new AttendeeCsvReader(text, devRelEvent, allAttended: allAttended), name, skipInvalid: true,
                row => rejected.Add($"{name}:{row.LineNumber}: {row.Error}"), cancellationToken);
            ImportResult =
                $"{name}: {summary.Rows:N0} rows, {summary.Registered:N0} registered, {summary.Attended:N0} checked in, " +
                $"{summary.Ingest.ActivitiesStored:N0} activities stored, {summary.Ingest.DuplicatesSkipped:N0} already there, {summary.Rejected:N0} rejected" +
                string.Concat(rejected.Take(20).Select(line => "\n" + line));
        }
        catch (ImportLineException e)
        {
            ImportResult = e.Message;
        }

        return RedirectToPage(new { id });
    }
}

using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Feedback;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Feedback;

/// <summary>
/// Product feedback ranked by who raised it (the same store call as <c>rapport feedback list</c> and
/// <c>GET /api/v1/feedback</c>), the suggestions waiting to be confirmed, and editors' status changes and confirmations.
/// </summary>
internal sealed class FeedbackModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int PageSize = 25;

    public const int SuggestionsShown = 10;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Every item that matches, ranked; the page shows <see cref="Shown"/>.</summary>
    public IReadOnlyList<FeedbackItem> Items { get; private set; } = [];

    public IReadOnlyList<FeedbackItem> Shown { get; private set; } = [];

    /// <summary>The areas any item names, for the filter.</summary>
    public IReadOnlyList<string> Areas { get; private set; } = [];

    public IReadOnlyList<FeedbackSuggestion> Suggestions { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Items.Count + PageSize - 1) / PageSize));
        Shown = [.. Items.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        Areas = [.. (await Store.ListFeedbackAsync(Workspace, new FeedbackQuery(), cancellationToken))
            .Select(item => item.Area).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Suggestions = await Store.ListFeedbackSuggestionsAsync(Workspace, SuggestionsShown, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("feedback", ["rank", "id", "title", "kind", "area", "status", "developers", "raised", "upvoted", "organizations", "score", "tracker_url", "created_at"],
            Items.Select((item, index) => (IReadOnlyList<object?>)
            [
                index + 1, item.Id, item.Title, FeedbackNames.Name(item.Kind), item.Area, FeedbackNames.Name(item.Status), item.Developers,
                item.Voters.Count(voter => voter.Raised), item.Voters.Count(voter => !voter.Raised), string.Join("; ", item.Organizations),
                item.Score, item.TrackerUrl, item.CreatedAt,
            ]));
    }

    public async Task<IActionResult> OnPostStatusAsync(long feedbackId, string newStatus, CancellationToken cancellationToken)
    {
        // Razor Pages authorize whole pages, not handlers: a viewer's post is refused here, before anything is written.
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        Flash = await FeedbackForms.ChangeStatusAsync(Store, Workspace, feedbackId, newStatus, UserClaims.Email(User), cancellationToken);
        return RedirectToPage(new { Status, Kind, Area, p = PageNumber });
    }

    public async Task<IActionResult> OnPostConfirmAsync(string messageId, string kind, string? area, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            var draft = new FeedbackDraft(null, FeedbackNames.ParseKind(kind), Area: string.IsNullOrWhiteSpace(area) ? null : area.Trim(), FromMessageId: messageId);
            var item = await Store.AddFeedbackAsync(Workspace, draft, UserClaims.Email(User), cancellationToken);
            Flash = $"Confirmed as feedback #{item.Id}: {item.Title}";
        }
        catch (FormatException e)
        {
            Flash = e.Message;
        }

        return RedirectToPage(new { Status, Kind, Area, p = PageNumber });
    }

    public string Link(string? handler, int? page = null)
    {
        var parts = new List<string>();
        if (handler is not null)
        {
            parts.Add($"handler={handler}");
        }

        foreach (var (name, value) in new[] { ("status", Status), ("kind", Kind), ("area", Area) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        if (page is > 1)
        {
            parts.Add($"p={page}");
        }

        return "/feedback" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        FeedbackStatus? status = null;
        FeedbackKind? kind = null;
        if (!string.IsNullOrWhiteSpace(Status) && !FeedbackNames.TryParseStatus(Status, out status))
        {
            Error = $"'{Status}' is not a feedback status.";
            Status = null;
        }

        if (!string.IsNullOrWhiteSpace(Kind) && !FeedbackNames.TryParseKind(Kind, out kind))
        {
            Error = $"'{Kind}' is not a feedback kind.";
            Kind = null;
        }

        Area = string.IsNullOrWhiteSpace(Area) ? null : Area.Trim();
        Items = await Store.ListFeedbackAsync(Workspace, new FeedbackQuery(status, kind, Area), cancellationToken);
    }
}

using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Feedback;
using Rapport.Core.Journey;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Feedback;

/// <summary>One piece of feedback: what was asked, the developers who raised or upvoted it, and its status.</summary>
internal sealed class FeedbackItemModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public FeedbackItem Item { get; private set; } = null!;

    public async Task OnGetAsync(long id, CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Item = await Store.GetFeedbackAsync(Workspace, id, cancellationToken) ?? throw new NotFoundException($"There is no feedback {id}.");
    }

    public async Task<IActionResult> OnPostStatusAsync(long id, string newStatus, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        Flash = await FeedbackForms.ChangeStatusAsync(Store, Workspace, id, newStatus, UserClaims.Email(User), cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetCsvAsync(long id, CancellationToken cancellationToken)
    {
        await OnGetAsync(id, cancellationToken);
        return Csv($"feedback-{id}-developers", ["member_id", "name", "identity", "stage", "raised", "added_at"],
            Item.Voters.Select(voter => (IReadOnlyList<object?>)
                [voter.MemberId, voter.Name, voter.Identity, voter.Stage is { } stage ? JourneyStages.Name(stage) : null, voter.Raised, voter.AddedAt]));
    }
}

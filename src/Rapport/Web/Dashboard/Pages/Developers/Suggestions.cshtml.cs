using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Members;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Developers;

/// <summary>Merge suggestions: developers who are probably one person, for an editor to merge or dismiss.</summary>
internal sealed class SuggestionsModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int Shown = 100;

    public IReadOnlyList<DeveloperMergeSuggestion> Suggestions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Suggestions = await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, Shown, cancellationToken);
    }

    public Task<IActionResult> OnPostRefreshAsync(CancellationToken cancellationToken) =>
        DecideAsync(async () => $"Looked for new suggestions: {await Store.RefreshMergeSuggestionsAsync(Workspace, cancellationToken):N0} found.", cancellationToken);

    public Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(async () =>
        {
            var merge = await Store.AcceptMergeSuggestionAsync(Workspace, id, UserClaims.Email(User), cancellationToken);
            return $"Merged developer #{merge.LoserId} into #{merge.WinnerId}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostDismissAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(async () =>
        {
            var dismissed = await Store.DismissMergeSuggestionAsync(Workspace, id, UserClaims.Email(User), cancellationToken);
            return $"Dismissed: developers #{dismissed.Developer.Id} and #{dismissed.Other.Id} are kept apart.";
        }, cancellationToken);

    /// <summary>A decision for editors and owners; Razor Pages authorize pages, not handlers, so the role is checked here.</summary>
    private async Task<IActionResult> DecideAsync(Func<Task<string>> decide, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            Flash = await decide();
        }
        catch (Exception e) when (e is MergeRefusedException or MergeRecordNotFoundException or IdentityNotFoundException)
        {
            Flash = e.Message;
        }

        return RedirectToPage();
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Community;
using Rapport.Core.Identities;
using Rapport.Core.Members;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages.Developers;

internal sealed class ProfileModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int ActivitiesPerPage = 50;

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public MemberProfile Member { get; private set; } = null!;

    public string DisplayName => Member.Name ?? Member.Identities.FirstOrDefault() ?? $"Developer {Member.Id}";

    public IReadOnlyList<MemberActivity> Activities { get; private set; } = [];

    public IReadOnlyList<MemberNote> Notes { get; private set; } = [];

    public IReadOnlyList<string> Tags { get; private set; } = [];

    /// <summary>Merges this developer took part in, newest first: by hand (undoable) and automatic.</summary>
    public IReadOnlyList<MemberMerge> Merges { get; private set; } = [];
    /// <summary>The community level and why, or <c>null</c> before the first refresh.</summary>
    public MemberLevel? Level { get; private set; }

    public IReadOnlyList<Recognition> Recognitions { get; private set; } = [];

    /// <summary>Where the next page of the timeline starts, when there is one.</summary>
    public DateTime? OlderThan { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        if (await Store.GetMemberAsync(Workspace, Id, cancellationToken) is not { } member)
        {
            return NotFound();
        }

        Member = member;
        DateTime? before = DateTime.TryParse(Before, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
        var activities = Store.ListMemberActivitiesAsync(Workspace, Id, before, ActivitiesPerPage + 1, cancellationToken);
        var notes = Store.ListMemberNotesAsync(Workspace, Id, cancellationToken);
        var tags = Store.ListMemberTagsAsync(Workspace, Id, cancellationToken);
        var merges = Store.ListMemberMergesAsync(Workspace, Id, 20, cancellationToken);
        var page = await activities;
        Activities = page.Count > ActivitiesPerPage ? page.Take(ActivitiesPerPage).ToList() : page;
        OlderThan = page.Count > ActivitiesPerPage ? Activities[^1].OccurredAt : null;
        Notes = await notes;
        Tags = await tags;
        Merges = await merges;
        Level = await Store.GetMemberLevelAsync(Workspace, Id, cancellationToken);
        Recognitions = (await Store.ListRecognitionsAsync(Workspace, Id, 0, 50, cancellationToken)).Recognitions;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var activities = await Store.ListMemberActivitiesAsync(Workspace, Id, null, 1000, cancellationToken);
        return Csv($"developer-{Id}-activities", ["occurred_at", "type", "source", "identity", "channel", "url", "title"],
            activities.Select(activity => (IReadOnlyList<object?>)
                [activity.OccurredAt, activity.Type, activity.Source, activity.Identity, activity.Channel, activity.Url, activity.Title]));
    }

    public Task<IActionResult> OnPostNoteAsync(string body, CancellationToken cancellationToken) =>
        ChangeAsync(workspace => Store.AddMemberNoteAsync(workspace, Id, UserClaims.Email(User), body ?? "", cancellationToken), "Note saved.", cancellationToken);

    public Task<IActionResult> OnPostTagAsync(string tag, CancellationToken cancellationToken) =>
        ChangeAsync(workspace => Store.SetMemberTagAsync(workspace, Id, tag ?? "", tagged: true, cancellationToken), $"Tagged {tag}.", cancellationToken);

    public Task<IActionResult> OnPostUntagAsync(string tag, CancellationToken cancellationToken) =>
        ChangeAsync(workspace => Store.SetMemberTagAsync(workspace, Id, tag ?? "", tagged: false, cancellationToken), $"Removed the tag {tag}.", cancellationToken);

    /// <summary>Merges another developer, named by any identity, into this one (or this one into it, if it is older).</summary>
    public async Task<IActionResult> OnPostMergeAsync(string other, string? reason, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        if (await Store.GetMemberAsync(Workspace, Id, cancellationToken) is not { } member)
        {
            return NotFound();
        }

        try
        {
            if (!Identity.TryParse(other?.Trim(), out var otherIdentity, out var invalid))
            {
                throw new FormatException(invalid);
            }

            var merge = await Store.MergeMembersAsync(
                Workspace, Identity.Parse(member.Identities[0]), otherIdentity, UserClaims.Email(User), reason, cancellationToken);
            Flash = $"Merged developer #{merge.LoserId} ({string.Join(", ", merge.Identities)}) into #{merge.WinnerId}.";
            return RedirectToPage(new { Id = merge.WinnerId });
        }
        catch (Exception e) when (e is FormatException or IdentityNotFoundException or MergeRefusedException)
        {
            Flash = e.Message;
            return RedirectToPage(new { Id });
        }
    }

    /// <summary>Splits one identity of this developer out into a developer of its own.</summary>
    public Task<IActionResult> OnPostUnmergeAsync(string identity, CancellationToken cancellationToken) =>
        ChangeAsync(async workspace =>
        {
            if (!Identity.TryParse(identity, out var parsed, out var invalid))
            {
                throw new FormatException(invalid);
            }

            var split = await Store.UnmergeIdentityAsync(workspace, parsed, UserClaims.Email(User), reason: null, cancellationToken);
            return $"{split.Identity} is developer #{split.ToMemberId} now, kept apart from this one.";
        }, cancellationToken);

    /// <summary>Undoes a merge made by hand that this developer took part in.</summary>
    public Task<IActionResult> OnPostUndoMergeAsync(long mergeId, CancellationToken cancellationToken) =>
        ChangeAsync(async workspace =>
        {
            var merge = await Store.UndoMergeAsync(workspace, mergeId, UserClaims.Email(User), cancellationToken);
            return $"Undid merge {merge.Id}: developer #{merge.LoserId} is apart again.";
        }, cancellationToken);

    private Task<IActionResult> ChangeAsync(Func<Rapport.Core.Workspaces.Workspace, Task<string>> change, CancellationToken cancellationToken) =>
        ChangeAsync(async workspace => Flash = await change(workspace), null, cancellationToken);
    public Task<IActionResult> OnPostHeroAsync(bool hero, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(workspace => Store.NominateHeroAsync(workspace, Id, hero, UserClaims.Email(User), reason ?? "", cancellationToken),
            hero ? "Named a hero." : "The hero title was removed.", cancellationToken);

    public Task<IActionResult> OnPostRecognizeAsync(string? kind, string? note, string? givenOn, CancellationToken cancellationToken) =>
        ChangeAsync(workspace => Store.AddRecognitionAsync(workspace, Id, kind ?? "", note,
            DateOnly.TryParse(givenOn, CultureInfo.InvariantCulture, out var date) ? date : throw new FormatException("give the date the recognition was given"),
            UserClaims.Email(User), cancellationToken), "Recognition logged.", cancellationToken);

    /// <summary>
    /// Runs a change for editors and owners. Razor Pages authorize whole pages, not handlers, so the role is checked
    /// here: a viewer's form post is refused before anything is written.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(Func<Rapport.Core.Workspaces.Workspace, Task> change, string? done, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        await LoadWorkspaceAsync(cancellationToken);
        try
        {
            await change(Workspace);
            Flash = done ?? Flash;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IdentityNotFoundException or MergeRefusedException
            or MergeRecordNotFoundException)
        {
            Flash = e.Message;
        }
        catch (MemberNotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage(new { Id });
    }
}

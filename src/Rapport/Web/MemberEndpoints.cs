using Rapport.Core.Community;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>
/// Developers over HTTP: the list with the dashboard's search and filters (the same keyset query), and one developer
/// found by any identity (<c>/api/v1/members/github:octocat</c>) with their level, identities, notes and tags.
/// </summary>
internal static class MemberEndpoints
{
    private const string ListName = "ListMembers";

    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members");
        members.MapGet("", ListAsync)
            .WithName(ListName)
            .WithSummary("Developers matching a search and filters, most recently active first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        members.MapGet("/{identity}", GetMemberAsync)
            .WithName("GetMember")
            .WithSummary("One developer, found by any of their identities, with their community level.")
            .RequiresAccess(RouteAccess.Viewer);
        members.MapGet("/{identity}/identities", ListIdentitiesAsync)
            .WithName("ListMemberIdentities")
            .WithSummary("Every identity of a developer, as kind:value.")
            .RequiresAccess(RouteAccess.Viewer);
        members.MapGet("/{identity}/notes", ListNotesAsync)
            .WithName("ListMemberNotes")
            .WithSummary("The team's notes about a developer, newest first.")
            .RequiresAccess(RouteAccess.Viewer);
        members.MapPost("/{identity}/notes", AddNoteAsync)
            .WithName("AddMemberNote")
            .WithSummary("Adds a note about a developer, signed by the caller.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapDelete("/{identity}/notes/{noteId:guid}", DeleteNoteAsync)
            .WithName("DeleteMemberNote")
            .WithSummary("Deletes a note about a developer.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapGet("/{identity}/tags", ListTagsAsync)
            .WithName("ListMemberTags")
            .WithSummary("A developer's tags.")
            .RequiresAccess(RouteAccess.Viewer);
        members.MapPut("/{identity}/tags/{tag}", AddTagAsync)
            .WithName("AddMemberTag")
            .WithSummary("Tags a developer; tagging twice changes nothing.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapDelete("/{identity}/tags/{tag}", RemoveTagAsync)
            .WithName("RemoveMemberTag")
            .WithSummary("Takes a tag off a developer.")
            .RequiresAccess(RouteAccess.Editor);
    }

    /// <summary>A note to add: its text.</summary>
    internal sealed record NoteRequest(string? Body);

    private static async Task<Ok<Page<MemberSummary>>> ListAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? q, string? stage, string? level,
        string? icp, string? tag, string? organization, string? from, string? to, string? workspace, CancellationToken cancellationToken)
    {
        var query = new MemberQuery
        {
            Search = string.IsNullOrWhiteSpace(q) ? null : q,
            Stage = string.IsNullOrWhiteSpace(stage) ? null
                : JourneyStages.TryParse(stage, out var parsedStage) ? parsedStage : throw new FormatException($"'stage' must be a journey stage, not '{stage}'."),
            Level = string.IsNullOrWhiteSpace(level) ? null
                : CommunityLevels.TryParse(level, out var parsedLevel) ? parsedLevel : throw new FormatException($"'level' must be passive, active or hero, not '{level}'."),
            Icp = string.IsNullOrWhiteSpace(icp) ? null : icp,
            Tag = string.IsNullOrWhiteSpace(tag) ? null : MemberTags.Normalise(tag),
            Organization = string.IsNullOrWhiteSpace(organization) ? null : organization,
            FirstActivity = DateRange.Parse(from, to),
            Limit = page.Size,
            Cursor = page.After(ListName) is { } after ? MemberCursor.Parse(after) : null,
        };
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        var found = await store.ListMembersAsync(resolved, query, cancellationToken);
        return TypedResults.Ok(Pages.Keyed(found.Members, ListName, found.Next?.Encode()));
    }

    private static async Task<Ok<MemberDocument>> GetMemberAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, member) = await FindAsync(store, workspaces, identity, workspace, cancellationToken);
        return TypedResults.Ok(MemberDocument.Create(member, await store.GetMemberLevelAsync(resolved, member.Id, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<string>>> ListIdentitiesAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken) =>
        TypedResults.Ok((await FindAsync(store, workspaces, identity, workspace, cancellationToken)).Member.Identities);

    private static async Task<Ok<IReadOnlyList<MemberNote>>> ListNotesAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, member) = await FindAsync(store, workspaces, identity, workspace, cancellationToken);
        return TypedResults.Ok(await store.ListMemberNotesAsync(resolved, member.Id, cancellationToken));
    }

    private static async Task<Created<MemberNote>> AddNoteAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string identity, NoteRequest request, string? workspace,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            throw new FormatException("'body' is required: the note's text.");
        }

        var caller = await access.RequireAsync(context, workspace, Core.Users.UserRole.Editor, cancellationToken);
        var member = await FindAsync(store, caller.Workspace, identity, cancellationToken);
        var note = await store.AddMemberNoteAsync(caller.Workspace, member.Id, caller.Name, request.Body.Trim(), cancellationToken);
        return TypedResults.Created($"/api/v1/members/{Uri.EscapeDataString(identity)}/notes", note);
    }

    private static async Task<NoContent> DeleteNoteAsync(
        HttpContext context, IRapportStore store, ApiAccess access, string identity, Guid noteId, string? workspace, CancellationToken cancellationToken)
    {
        var caller = await access.RequireAsync(context, workspace, Core.Users.UserRole.Editor, cancellationToken);
        var member = await FindAsync(store, caller.Workspace, identity, cancellationToken);
        return await store.DeleteMemberNoteAsync(caller.Workspace, member.Id, noteId, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"{identity} has no note {noteId}.");
    }

    private static async Task<Ok<IReadOnlyList<string>>> ListTagsAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, member) = await FindAsync(store, workspaces, identity, workspace, cancellationToken);
        return TypedResults.Ok(await store.ListMemberTagsAsync(resolved, member.Id, cancellationToken));
    }

    private static Task<Ok<IReadOnlyList<string>>> AddTagAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string tag, string? workspace, CancellationToken cancellationToken) =>
        SetTagAsync(store, workspaces, identity, tag, tagged: true, workspace, cancellationToken);

    private static Task<Ok<IReadOnlyList<string>>> RemoveTagAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string tag, string? workspace, CancellationToken cancellationToken) =>
        SetTagAsync(store, workspaces, identity, tag, tagged: false, workspace, cancellationToken);

    /// <summary>Tags or untags, and answers the developer's tags afterwards so the caller sees the whole set.</summary>
    private static async Task<Ok<IReadOnlyList<string>>> SetTagAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string tag, bool tagged, string? workspace, CancellationToken cancellationToken)
    {
        var normalised = MemberTags.Normalise(tag);
        var (resolved, member) = await FindAsync(store, workspaces, identity, workspace, cancellationToken);
        await store.SetMemberTagAsync(resolved, member.Id, normalised, tagged, cancellationToken);
        return TypedResults.Ok(await store.ListMemberTagsAsync(resolved, member.Id, cancellationToken));
    }

    private static async Task<(Workspace Workspace, MemberProfile Member)> FindAsync(
        IRapportStore store, WorkspaceResolver workspaces, string identity, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        return (resolved, await FindAsync(store, resolved, identity, cancellationToken));
    }

    private static async Task<MemberProfile> FindAsync(IRapportStore store, Workspace workspace, string identity, CancellationToken cancellationToken)
    {
        if (!Identity.TryParse(identity, out var parsed, out var reason))
        {
            throw new FormatException(reason);
        }

        return await store.FindMemberAsync(workspace, parsed, cancellationToken)
            ?? throw new NotFoundException($"No developer has the identity {parsed}.");
    }
}

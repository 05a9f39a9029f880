using Rapport.Core.Identities;
using Rapport.Core.Members;
using Rapport.Storage;
using Rapport.Web.Access;
using Rapport.Web.Csv;
using Rapport.Web.Paging;

namespace Rapport.Web;

/// <summary>
/// Merging developers by hand over HTTP: suggestions (listed by anyone, decided by editors), merges, unmerges and
/// undoing merges. The same store calls as <c>rapport members …</c> and the dashboard.
/// </summary>
internal static class MergeEndpoints
{
    public static void MapMergeEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/v1/members");
        members.MapGet("/suggestions", ListSuggestionsAsync)
            .WithName("ListMergeSuggestions")
            .WithSummary("Suggested merges of developers who look like one person, surest first.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        members.MapPost("/suggestions/refresh", RefreshSuggestionsAsync)
            .WithName("RefreshMergeSuggestions")
            .WithSummary("Look for new merge suggestions and store them.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapPost("/suggestions/{id:long}/accept", AcceptSuggestionAsync)
            .WithName("AcceptMergeSuggestion")
            .WithSummary("Accept a merge suggestion: merge the two developers.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapPost("/suggestions/{id:long}/dismiss", DismissSuggestionAsync)
            .WithName("DismissMergeSuggestion")
            .WithSummary("Dismiss a merge suggestion so that it is not suggested again.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapPost("/merge", MergeAsync)
            .WithName("MergeMembers")
            .WithSummary("Merge the developers of two identities into one.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapPost("/unmerge", UnmergeAsync)
            .WithName("UnmergeIdentity")
            .WithSummary("Split one identity out of its developer into a new developer.")
            .RequiresAccess(RouteAccess.Editor);
        members.MapGet("/merges", ListMergesAsync)
            .WithName("ListMemberMerges")
            .WithSummary("Merges, newest first, of everyone or of one developer.")
            .RequiresAccess(RouteAccess.Viewer)
            .WithCsvExport();
        members.MapPost("/merges/{id:long}/undo", UndoMergeAsync)
            .WithName("UndoMerge")
            .WithSummary("Undo a merge made by hand.")
            .RequiresAccess(RouteAccess.Editor);
    }

    /// <summary>A merge asked for over HTTP: two identities, <c>kind:value</c>, and why.</summary>
    internal sealed record MergeRequest(string? Identity, string? Other, string? Reason = null);

    /// <summary>An unmerge asked for over HTTP: the identity to split out, and why.</summary>
    internal sealed record UnmergeRequest(string? Identity, string? Reason = null);

    /// <summary>How many new suggestions a refresh stored.</summary>
    internal sealed record RefreshResult(int Found);

    private static async Task<Ok<Page<DeveloperMergeSuggestion>>> ListSuggestionsAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? status, string? workspace, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(status) ? MergeSuggestionStatus.Open : status.Trim();
        if (wanted is not (MergeSuggestionStatus.Open or MergeSuggestionStatus.Merged or MergeSuggestionStatus.Dismissed))
        {
            throw new FormatException($"'status' must be open, merged or dismissed, not '{status}'");
        }

        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        const string list = "ListMergeSuggestions";
        return TypedResults.Ok(Pages.Keyed(await store.ListMergeSuggestionsAsync(resolved, wanted, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<RefreshResult>> RefreshSuggestionsAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, _) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(new RefreshResult(await store.RefreshMergeSuggestionsAsync(resolved, cancellationToken)));
    }

    private static async Task<Ok<MemberMerge>> AcceptSuggestionAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, long id, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, by) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(await store.AcceptMergeSuggestionAsync(resolved, id, by, cancellationToken));
    }

    private static async Task<Ok<DeveloperMergeSuggestion>> DismissSuggestionAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, long id, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, by) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(await store.DismissMergeSuggestionAsync(resolved, id, by, cancellationToken));
    }

    private static async Task<Ok<MemberMerge>> MergeAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, MergeRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var (identity, other) = (Parse(request.Identity, "identity"), Parse(request.Other, "other"));
        var (resolved, by) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(await store.MergeMembersAsync(resolved, identity, other, by, request.Reason, cancellationToken));
    }

    private static async Task<Ok<IdentitySplit>> UnmergeAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, UnmergeRequest request, string? workspace, CancellationToken cancellationToken)
    {
        var identity = Parse(request.Identity, "identity");
        var (resolved, by) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(await store.UnmergeIdentityAsync(resolved, identity, by, request.Reason, cancellationToken));
    }

    private static async Task<Ok<Page<MemberMerge>>> ListMergesAsync(
        IRapportStore store, WorkspaceResolver workspaces, [AsParameters] PageRequest page, string? identity, string? workspace, CancellationToken cancellationToken)
    {
        var resolved = await workspaces.ResolveAsync(workspace, cancellationToken);
        long? memberId = null;
        if (!string.IsNullOrWhiteSpace(identity))
        {
            var parsed = Parse(identity, "identity");
            memberId = (await store.FindMemberAsync(resolved, parsed, cancellationToken)
                ?? throw new NotFoundException($"No developer has the identity {parsed}.")).Id;
        }

        const string list = "ListMemberMerges";
        return TypedResults.Ok(Pages.Keyed(await store.ListMemberMergesAsync(resolved, memberId, page.Keyset(list), cancellationToken), list));
    }

    private static async Task<Ok<MemberMerge>> UndoMergeAsync(
        HttpContext context, IRapportStore store, EditorAuthorization editors, long id, string? workspace, CancellationToken cancellationToken)
    {
        var (resolved, by) = await editors.AuthorizeAsync(context, workspace, cancellationToken);
        return TypedResults.Ok(await store.UndoMergeAsync(resolved, id, by, cancellationToken));
    }

    private static Identity Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"'{field}' is missing: name an identity as kind:value, for example github:octocat");
        }

        return Identity.TryParse(text, out var identity, out var reason) ? identity : throw new FormatException($"'{field}': {reason}");
    }
}

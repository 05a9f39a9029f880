using Rapport.Core.Identities;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Merging developers by hand: suggestions, merges, unmerges and undoing merges. Each change runs under the
/// workspace's ingest lock in one transaction, re-derives the affected developers' progress from their activities,
/// and leaves every process's identity graph as the store now holds it (docs/members.md).
/// </summary>
public partial interface IRapportStore
{
    /// <summary>Suggestions with <paramref name="status"/>, surest first; open ones only while their developers are still two.</summary>
    Task<IReadOnlyList<DeveloperMergeSuggestion>> ListMergeSuggestionsAsync(
        Workspace workspace, string status, int limit, CancellationToken cancellationToken);

    /// <summary>A page of the suggestions with <paramref name="status"/>, surest first (confidence, then id), read by keyset.</summary>
    Task<KeysetPage<DeveloperMergeSuggestion>> ListMergeSuggestionsAsync(
        Workspace workspace, string status, KeysetRequest page, CancellationToken cancellationToken);

    Task<DeveloperMergeSuggestion?> GetMergeSuggestionAsync(Workspace workspace, long id, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the merge rules (<see cref="MergeSuggestionFinder"/>) over the workspace's developers and stores the
    /// suggestions for pairs no suggestion names yet, open or decided. Returns how many are new.
    /// </summary>
    Task<int> RefreshMergeSuggestionsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Dismisses an open suggestion: its two developers are kept apart from then on.</summary>
    Task<DeveloperMergeSuggestion> DismissMergeSuggestionAsync(Workspace workspace, long id, string by, CancellationToken cancellationToken);

    /// <summary>Merges the developers of an open suggestion, as <see cref="MergeMembersAsync"/> would.</summary>
    Task<MemberMerge> AcceptMergeSuggestionAsync(Workspace workspace, long id, string by, CancellationToken cancellationToken);

    /// <summary>
    /// Merges the developers of two identities into the older one, whatever the automatic guards say: a person knows
    /// better. The merge is recorded with <paramref name="by"/> and <paramref name="reason"/> and can be undone.
    /// </summary>
    Task<MemberMerge> MergeMembersAsync(Workspace workspace, Identity identity, Identity other, string by, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Splits one identity out of its developer into a new developer, with its activities, traits, notes and tags;
    /// the two are kept apart from automatic merging from then on.
    /// </summary>
    Task<IdentitySplit> UnmergeIdentityAsync(Workspace workspace, Identity identity, string by, string? reason, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a merge made by hand: the absorbed developer's identities that are still with the merged developer go
    /// back to it, under its old id, and the two are kept apart from then on.
    /// </summary>
    Task<MemberMerge> UndoMergeAsync(Workspace workspace, long mergeId, string by, CancellationToken cancellationToken);

    /// <summary>Merges, newest first: all of them, or those whose winner or loser is <paramref name="memberId"/>.</summary>
    Task<IReadOnlyList<MemberMerge>> ListMemberMergesAsync(Workspace workspace, long? memberId, int limit, CancellationToken cancellationToken);

    /// <summary>A page of the merges, newest (highest id) first, read by keyset.</summary>
    Task<KeysetPage<MemberMerge>> ListMemberMergesAsync(Workspace workspace, long? memberId, KeysetRequest page, CancellationToken cancellationToken);
}

using Rapport.Core.Links;
using Rapport.Core.Reach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Reach that is not a developer's activity (YouTube's and access logs' aggregates), and tracked links.</summary>
public partial interface IRapportStore
{
    /// <summary>Replaces the stored numbers of every video in <paramref name="rows"/> by these, in one transaction.</summary>
    Task ReplaceVideoReachAsync(Workspace workspace, IReadOnlyList<VideoReachRow> rows, CancellationToken cancellationToken);

    Task<IReadOnlyList<VideoReachRow>> ListVideoReachAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Replaces what the log <paramref name="logKey"/> said before by these rows, in one transaction.</summary>
    Task ReplacePageReachAsync(Workspace workspace, string logKey, IReadOnlyList<PageReachRow> rows, CancellationToken cancellationToken);

    /// <summary>Page views per URL and day, summed over every imported log.</summary>
    Task<IReadOnlyList<PageReachRow>> ListPageReachAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Stores a new link; <see cref="FormatException"/> when its content item does not exist.</summary>
    Task<TrackedLink> CreateLinkAsync(Workspace workspace, string destination, long? contentId, string? channel, string? campaign, CancellationToken cancellationToken);

    /// <summary>The link with this slug in any workspace, with its workspace; <c>null</c> when there is none.</summary>
    Task<(Workspace Workspace, TrackedLink Link)?> FindLinkAsync(string slug, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrackedLink>> ListLinksAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>One page of the tracked links by keyset, oldest first (created, then slug).</summary>
    Task<KeysetPage<TrackedLink>> ListLinksAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>Everything reach reports are computed from (<see cref="ContentReachReport"/>).</summary>
    Task<ContentReachFacts> GetContentReachFactsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>
    /// The reach facts with the developers who clicked through limited to the members of <paramref name="icp"/> (all
    /// developers when <c>null</c>): the identified and progressed developers count only them, while views and
    /// click-throughs, which belong to no developer, stay whole.
    /// </summary>
    Task<ContentReachFacts> GetContentReachFactsAsync(Workspace workspace, string? icp, CancellationToken cancellationToken);
}

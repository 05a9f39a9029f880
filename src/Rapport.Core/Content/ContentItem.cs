namespace Rapport.Core.Content;

/// <summary>
/// One piece of content a DevRel team made: a post, a video, a talk given once, a sample. Items made from another
/// (a re-delivery, a syndicated copy, a translation, an adaptation) name it as their <see cref="ParentId"/>, so
/// reuse forms a tree that reports can roll up.
/// </summary>
/// <param name="Urls">Every address the item is published at, the canonical one first.</param>
/// <param name="Channel">Where it was published, lower-case: <c>blog</c>, <c>dev.to</c>, <c>dzone</c>, <c>youtube</c>, <c>ndc-oslo</c>.</param>
/// <param name="Tags">Lower-case tags: languages, platforms, topics, ICPs.</param>
/// <param name="Source">How it entered the catalog: <c>manual</c>, <c>feed</c>, <c>markdown</c>.</param>
public sealed record ContentItem(
    long Id,
    ContentKind Kind,
    string Title,
    IReadOnlyList<string> Urls,
    string? Channel,
    ChannelParty? Party,
    DateTime? Published,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Tags,
    double? EffortHours,
    long? ParentId,
    ReuseKind? Reuse,
    string? Description,
    string Source,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>The canonical address, or <c>null</c> for an item that is not on the web (a talk).</summary>
    public string? Url => Urls.Count == 0 ? null : Urls[0];
}

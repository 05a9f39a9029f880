using Rapport.Core.Content;

namespace Rapport.Core.Events;

/// <summary>
/// "Know your audience": which content items fit an audience, described by its tags (an event's audience tags,
/// ICP names among them). An item fits by the tags it shares with the audience; the score is the share of the
/// audience's tags it covers, less a little for tags of its own the audience did not ask for, so a focused item beats
/// one tagged with everything. Ties go to the newer item.
/// </summary>
public static class AudienceFit
{
    public static IReadOnlyList<ContentFit> Rank(IReadOnlyList<string> audienceTags, IEnumerable<ContentItem> items, int limit = 10)
    {
        var audience = ContentFields.NormaliseTags(audienceTags).ToHashSet(StringComparer.Ordinal);
        if (audience.Count == 0)
        {
            return [];
        }

        return [.. items
            .Select(item => (Item: item, Shared: item.Tags.Select(IcpTagless).Where(audience.Contains).Distinct(StringComparer.Ordinal).ToList()))
            .Where(candidate => candidate.Shared.Count > 0)
            .Select(candidate => (candidate.Item, candidate.Shared, Score: Score(candidate.Shared.Count, audience.Count, candidate.Item.Tags.Count)))
            .OrderByDescending(candidate => candidate.Score)
            .ThenByDescending(candidate => candidate.Item.Published ?? candidate.Item.CreatedAt)
            .ThenBy(candidate => candidate.Item.Id)
            .Take(Math.Max(1, limit))
            .Select(candidate => new ContentFit(candidate.Item.Id, candidate.Item.Title, candidate.Item.Kind, candidate.Shared, candidate.Score))];
    }

    /// <summary>shared ÷ audience − 0.1 × (tags of the item's own) ÷ (all its tags), rounded to three places.</summary>
    public static double Score(int shared, int audience, int itemTags) =>
        Math.Round((double)shared / audience - 0.1 * (itemTags - shared) / Math.Max(1, itemTags), 3);

    /// <summary>A tag <c>icp:NAME</c> fits an audience tagged <c>NAME</c>, as content tagged for an ICP does.</summary>
    private static string IcpTagless(string tag) => tag.StartsWith("icp:", StringComparison.Ordinal) ? tag[4..] : tag;
}

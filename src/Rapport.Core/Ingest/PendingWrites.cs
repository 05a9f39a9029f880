using Rapport.Core.Activities;

namespace Rapport.Core.Ingest;

/// <summary>
/// Rows a batch has produced that can be written before the batch commits: their ids never change.
/// A long import writes them in chunks to keep memory flat.
/// </summary>
public sealed record PendingWrites(
    IReadOnlyList<NewIdentity> Identities,
    IReadOnlyList<ActivityRecord> Activities,
    IReadOnlyList<TraitUpdate> Traits,
    IReadOnlyList<ProfileUpdate> ProfileUpdates,
    IReadOnlyList<MergeSuggestion> Suggestions,
    IReadOnlyList<NewTag> Tags)
{
    public int Count => Identities.Count + Activities.Count + Traits.Count + ProfileUpdates.Count + Suggestions.Count + Tags.Count;
}

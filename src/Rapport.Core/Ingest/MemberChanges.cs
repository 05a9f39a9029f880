using Rapport.Core.Members;

namespace Rapport.Core.Ingest;

/// <summary>
/// The member rows a batch changes, resolved to the members that remain after its merges:
/// rows to insert, progress to add to existing rows, and absorbed members to fold into their winners.
/// </summary>
public sealed record MemberChanges(
    IReadOnlyList<(long MemberId, MemberProgress Progress)> Created,
    IReadOnlyList<(long MemberId, MemberProgress Progress)> Updated,
    IReadOnlyList<(long LoserId, long WinnerId)> Merged,
    DateTime At)
{
    /// <summary>
    /// What the commit reads the first touch of again: the first instants of its activities per member (a member's
    /// stored first activity can only have moved to, or tied with, one of them) and its merges' survivors.
    /// </summary>
    public FirstTouchReading FirstTouchReading()
    {
        var memberIds = new List<long>(Created.Count + Updated.Count);
        var instants = new HashSet<DateTime>();
        foreach (var (memberId, progress) in Created.Concat(Updated))
        {
            if (progress.FirstActivity is { } first)
            {
                memberIds.Add(memberId);
                instants.Add(first);
            }
        }

        return new FirstTouchReading([.. memberIds], [.. instants], [.. Merged.Select(merge => merge.WinnerId).Distinct()]);
    }
}

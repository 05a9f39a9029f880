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
        // Arrays rather than a set of instants: a bulk import reads a million members, and a hash set of their
        // instants would cost five times the memory at the commit's peak.
        var memberIds = new List<long>(Created.Count + Updated.Count);
        var instants = new List<DateTime>(Created.Count + Updated.Count);
        foreach (var (memberId, progress) in Created.Concat(Updated))
        {
            if (progress.FirstActivity is { } first)
            {
                memberIds.Add(memberId);
                instants.Add(first);
            }
        }

        instants.Sort();
        var distinct = 0;
        for (var i = 0; i < instants.Count; i++)
        {
            if (i == 0 || instants[i] != instants[distinct - 1])
            {
                instants[distinct++] = instants[i];
            }
        }

        return new FirstTouchReading([.. memberIds], [.. instants[..distinct]], [.. Merged.Select(merge => merge.WinnerId).Distinct()]);
    }
}

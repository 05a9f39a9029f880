using Rapport.Core.Members;

namespace Rapport.Core.Ingest;

/// <summary>
/// What ingest remembers of the member rows it has written: each one's last activity and highest stage. With them a
/// commit can tell that a batch only adds to a developer's count and last activity — its activities are all later
/// than any stored one and reach no new stage — so the store writes two columns instead of every progress column.
/// A column store pays for an UPDATE by the columns it writes (docs/benchmarks.md, HTTP ingest).
/// </summary>
/// <remarks>
/// Conservative: a member it does not know moves. The store forgets everything when something other than ingest
/// changes members (a merge by hand, an erasure, a new journey map), and learns a member again from the row its next
/// full update writes.
/// </remarks>
public sealed class StoredMemberReach
{
    private readonly Dictionary<long, Reach> _members = [];

    public int Count => _members.Count;

    /// <summary>
    /// Whether adding <paramref name="batch"/> to the stored row can change its first activity, a stage time or the
    /// first touch: always for a member not known or one with no stored activity; otherwise when the batch has an
    /// activity before the stored last one, reaches a stage beyond the stored one, or ties with the stored last
    /// activity through a channel (which could be the first touch's, should the first activity be at that instant too).
    /// </summary>
    public bool Moves(long memberId, in MemberProgress batch)
    {
        if (batch.FirstActivity is not { } first)
        {
            return false;
        }

        return !_members.TryGetValue(memberId, out var stored)
            || stored.LastTicks == 0
            || first.Ticks < stored.LastTicks
            || (first.Ticks == stored.LastTicks && batch.FirstTouchChannel is not null)
            || (batch.Stage is { } stage && (int)stage > stored.Stage);
    }

    /// <summary>Remembers a row as stored: its last activity and highest stage.</summary>
    public void Remember(long memberId, in MemberProgress stored) =>
        _members[memberId] = new Reach(stored.LastActivity?.Ticks ?? 0, stored.Stage is { } reached ? (sbyte)reached : (sbyte)-1);

    /// <summary>Adds a batch that did not move the member (<see cref="Moves"/>) to what is remembered of its row.</summary>
    public void Advance(long memberId, in MemberProgress batch)
    {
        if (batch.LastActivity is { } last && _members.TryGetValue(memberId, out var stored))
        {
            _members[memberId] = stored with { LastTicks = Math.Max(stored.LastTicks, last.Ticks) };
        }
    }

    public void Forget(long memberId) => _members.Remove(memberId);

    public void Clear() => _members.Clear();

    private readonly record struct Reach(long LastTicks, sbyte Stage);
}

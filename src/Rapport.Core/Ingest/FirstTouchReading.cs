namespace Rapport.Core.Ingest;

/// <summary>
/// The members whose first touch an ingest commit reads again, and no others: those it created or brought activity to
/// whose first activity is now at one of <see cref="Instants"/> (it moved there, or an activity of the commit ties
/// with it), and the <see cref="Survivors"/> of its merges, whose first activity can be an absorbed member's.
/// A commit on a store of a million developers reads a handful of them, not the whole workspace.
/// </summary>
public sealed record FirstTouchReading(long[] MemberIds, DateTime[] Instants, long[] Survivors)
{
    public bool IsEmpty => Instants.Length == 0 && Survivors.Length == 0;
}

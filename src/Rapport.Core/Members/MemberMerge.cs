namespace Rapport.Core.Members;

/// <summary>
/// One developer absorbed by another: automatically, when a message linked their identities, or by a person
/// (<see cref="MergedBy"/>), who can undo it.
/// </summary>
/// <param name="WinnerId">The developer that remains (the older one).</param>
/// <param name="LoserId">The developer that was absorbed; undoing the merge brings it back under this id.</param>
/// <param name="Identities">The absorbed developer's identities at the time, for merges made by a person.</param>
public sealed record MemberMerge(
    long Id,
    long WinnerId,
    long LoserId,
    DateTime MergedAt,
    string Reason,
    string? MergedBy,
    IReadOnlyList<string> Identities,
    DateTime? UndoneAt,
    string? UndoneBy)
{
    public bool ByHand => MergedBy is not null;
}

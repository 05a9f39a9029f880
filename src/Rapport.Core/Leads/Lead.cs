namespace Rapport.Core.Leads;

/// <summary>
/// A DevRel-qualified lead: an organization (or a developer with none) whose developers met the criteria, why, and
/// where its handoff to sales stands. A lead that stops meeting the criteria is kept, with <see cref="LapsedAt"/> set.
/// </summary>
/// <param name="Reason">The rules it met, as they read: "4 developers at build or beyond (3 needed)".</param>
/// <param name="Developers">The furthest along of the developers who met a rule, at most <see cref="LeadQualifier.DevelopersListed"/>.</param>
/// <param name="DeveloperCount">How many developers met a rule, listed or not.</param>
/// <param name="LapsedAt">Since when it no longer meets the criteria; <c>null</c> while it does.</param>
/// <param name="History">Every status change, oldest first.</param>
public sealed record Lead(
    long Id,
    string Key,
    LeadKind Kind,
    string Name,
    string Reason,
    IReadOnlyList<LeadDeveloper> Developers,
    int DeveloperCount,
    LeadStatus Status,
    string? Note,
    string? StatusChangedBy,
    DateTime? StatusChangedAt,
    DateTime FirstQualifiedAt,
    DateTime? LapsedAt,
    IReadOnlyList<LeadStatusChange> History)
{
    public bool Qualifies => LapsedAt is null;
}

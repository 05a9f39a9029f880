namespace Rapport.Core.Identities;

/// <summary>What the merge rules know about one developer: their identities, name and email traits.</summary>
/// <param name="Name">The name developers see (<see cref="Members.MemberDisplayName"/>), if any.</param>
/// <param name="EmailTraits">Addresses in <c>email</c> traits, which are not always identities of this developer.</param>
public sealed record DeveloperFacts(long MemberId, IReadOnlyList<StoredIdentity> Identities, string? Name, IReadOnlyList<string> EmailTraits);

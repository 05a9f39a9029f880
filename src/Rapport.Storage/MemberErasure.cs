namespace Rapport.Storage;

/// <summary>What an erasure removed: the member's number, how many identities are now suppressed, and rows deleted per table.</summary>
public sealed record MemberErasure(long MemberId, int IdentitiesSuppressed, IReadOnlyDictionary<string, long> RowsDeleted);

namespace Rapport.Core.Identities;

/// <summary>An identity as a store keeps it: its own id and the member it belongs to.</summary>
public readonly record struct StoredIdentity(long Id, Identity Identity, long MemberId);

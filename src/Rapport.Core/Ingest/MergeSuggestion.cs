namespace Rapport.Core.Ingest;

/// <summary>Two identities whose members are probably one person, for a human to confirm or reject.</summary>
public readonly record struct MergeSuggestion(long IdentityId, long OtherIdentityId, string Reason, DateTime SuggestedAt);

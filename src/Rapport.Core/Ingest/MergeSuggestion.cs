namespace Rapport.Core.Ingest;

/// <summary>
/// Two identities whose developers are probably one person, for a person to confirm or dismiss: which rule said so
/// (<see cref="Identities.MergeRules"/>), how sure it is (0 to 1) and why, in words.
/// </summary>
public readonly record struct MergeSuggestion(
    long IdentityId, long OtherIdentityId, string Rule, double Confidence, string Reason, DateTime SuggestedAt);

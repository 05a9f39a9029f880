namespace Rapport.Core.Members;

/// <summary>
/// A stored merge suggestion: two developers who are probably one person, the rule that says so
/// (<see cref="Identities.MergeRules"/>), how sure it is (0 to 1), and whether a person merged or dismissed them.
/// </summary>
public sealed record DeveloperMergeSuggestion(
    long Id,
    SuggestedDeveloper Developer,
    SuggestedDeveloper Other,
    string Rule,
    double Confidence,
    string Reason,
    string Status,
    DateTime SuggestedAt,
    DateTime? DecidedAt,
    string? DecidedBy);

namespace Rapport.Core.Members;

/// <summary>
/// Where a merge suggestion stands. A dismissed suggestion is a person's word that the two are different people:
/// automatic merging keeps them apart from then on.
/// </summary>
public static class MergeSuggestionStatus
{
    public const string Open = "open";

    public const string Merged = "merged";

    public const string Dismissed = "dismissed";
}

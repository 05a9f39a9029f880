namespace Rapport.Core.Coverage;

/// <summary>One value of a dimension (<c>azure</c>) and the words that name it in tags and traits, its own name first.</summary>
public sealed record CoverageValue(string Name, IReadOnlyList<string> Synonyms)
{
    /// <summary>Whether a tag, trimmed and in any case, is one of the value's names.</summary>
    public bool Names(string tag) => Synonyms.Contains(tag.Trim().ToLowerInvariant(), StringComparer.Ordinal);
}

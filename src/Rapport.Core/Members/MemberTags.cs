using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Members;

/// <summary>Tags on developers (<c>champion</c>, <c>icp:fintech</c>): lower-case words, each at most once per developer.</summary>
public static class MemberTags
{
    public const int MaxLength = 64;

    /// <summary>The tag as stored (trimmed, lower-case), or why it cannot be one.</summary>
    public static bool TryNormalise(string? tag, [NotNullWhen(true)] out string? normalised, [NotNullWhen(false)] out string? reason)
    {
        var name = tag?.Trim().ToLowerInvariant() ?? "";
        if (name.Length is > 0 and <= MaxLength && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            normalised = name;
            reason = null;
            return true;
        }

        normalised = null;
        reason = $"'{tag}' is not a tag: use up to {MaxLength} letters, digits, '-', '_', '.' or ':'";
        return false;
    }

    public static string Normalise(string tag) =>
        TryNormalise(tag, out var normalised, out var reason) ? normalised : throw new FormatException(reason);

    /// <summary>
    /// Several tags in one text: separated by <c>;</c> or <c>,</c> (<c>champion; speaker</c>), as spreadsheets and CRM
    /// exports write them. Empty entries are dropped.
    /// </summary>
    public static IReadOnlyList<string> Split(string? tags) =>
        string.IsNullOrWhiteSpace(tags) ? [] : tags.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

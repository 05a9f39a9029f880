using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Content;

/// <summary>
/// The names of content kinds, reuse kinds and channel parties as people type them and JSON writes them:
/// snake_case (<c>blog_post</c>, <c>first_party</c>); dashes and case are accepted on input (<c>Blog-Post</c>).
/// </summary>
public static class ContentNames
{
    public static string Name(ContentKind kind) => Snake(kind.ToString());

    public static string Name(ReuseKind reuse) => Snake(reuse.ToString());

    public static string Name(ChannelParty party) => Snake(party.ToString());

    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<ContentKind>().Select(Name)];

    public static IReadOnlyList<string> ReuseNames { get; } = [.. Enum.GetValues<ReuseKind>().Select(Name)];

    public static bool TryParseKind(string? text, [NotNullWhen(true)] out ContentKind? kind) => TryParse(text, out kind);

    public static bool TryParseReuse(string? text, [NotNullWhen(true)] out ReuseKind? reuse) => TryParse(text, out reuse);

    public static bool TryParseParty(string? text, [NotNullWhen(true)] out ChannelParty? party) => TryParse(text, out party);

    public static ContentKind ParseKind(string text) => TryParseKind(text, out var kind)
        ? kind.Value
        : throw new FormatException($"'{text}' is not a content kind; the kinds are {string.Join(", ", KindNames)}");

    public static ReuseKind ParseReuse(string text) => TryParseReuse(text, out var reuse)
        ? reuse.Value
        : throw new FormatException($"'{text}' is not a kind of reuse; the kinds are {string.Join(", ", ReuseNames)}");

    public static ChannelParty ParseParty(string text) => TryParseParty(text, out var party)
        ? party.Value
        : throw new FormatException($"'{text}' is not first_party or third_party");

    private static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? value)
        where T : struct, Enum
    {
        var wanted = text?.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static string Snake(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}

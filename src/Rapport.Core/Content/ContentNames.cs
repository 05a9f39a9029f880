using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Content;

/// <summary>
/// The names of content kinds, reuse kinds and channel parties as people type them and JSON writes them:
/// snake_case (<c>blog_post</c>, <c>first_party</c>); dashes and case are accepted on input (<c>Blog-Post</c>).
/// </summary>
public static class ContentNames
{
    public static string Name(ContentKind kind) => EnumNames.Snake(kind);

    public static string Name(ReuseKind reuse) => EnumNames.Snake(reuse);

    public static string Name(ChannelParty party) => EnumNames.Snake(party);

    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<ContentKind>().Select(Name)];

    public static IReadOnlyList<string> ReuseNames { get; } = [.. Enum.GetValues<ReuseKind>().Select(Name)];

    public static bool TryParseKind(string? text, [NotNullWhen(true)] out ContentKind? kind) => EnumNames.TryParse(text, out kind);

    public static bool TryParseReuse(string? text, [NotNullWhen(true)] out ReuseKind? reuse) => EnumNames.TryParse(text, out reuse);

    public static bool TryParseParty(string? text, [NotNullWhen(true)] out ChannelParty? party) => EnumNames.TryParse(text, out party);

    public static ContentKind ParseKind(string text) => TryParseKind(text, out var kind)
        ? kind.Value
        : throw new FormatException($"'{text}' is not a content kind; the kinds are {string.Join(", ", KindNames)}");

    public static ReuseKind ParseReuse(string text) => TryParseReuse(text, out var reuse)
        ? reuse.Value
        : throw new FormatException($"'{text}' is not a kind of reuse; the kinds are {string.Join(", ", ReuseNames)}");

    public static ChannelParty ParseParty(string text) => TryParseParty(text, out var party)
        ? party.Value
        : throw new FormatException($"'{text}' is not first_party or third_party");
}

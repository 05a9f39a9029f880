using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Identities;

/// <summary>
/// One way a developer is known: a kind (<c>email</c>, <c>github</c>, <c>user</c>, <c>anonymous</c>, …) and a
/// normalised value. Two identities with the same kind and value are the same identity.
/// </summary>
public readonly record struct Identity
{
    private Identity(string kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public string Kind { get; }

    public string Value { get; }

    /// <summary>Creates a normalised identity, or throws <see cref="ArgumentException"/> when it cannot be one.</summary>
    public static Identity Create(string kind, string value)
    {
        if (!TryCreate(kind, value, out var identity, out var reason))
        {
            throw new ArgumentException(reason, nameof(value));
        }

        return identity;
    }

    /// <summary>
    /// Normalises a kind and value: kinds are lower-case words; emails and case-insensitive handles are trimmed
    /// and lower-cased; a leading <c>@</c> on a handle is dropped; product and anonymous ids keep their case.
    /// </summary>
    public static bool TryCreate(string? kind, string? value, out Identity identity, [NotNullWhen(false)] out string? reason)
    {
        identity = default;

        // Parsers name the kinds of nearly every message with the constants; only other text needs normalising.
        var normalisedKind = kind is IdentityKinds.User or IdentityKinds.Anonymous ? kind : kind?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(normalisedKind) || !IsWord(normalisedKind))
        {
            reason = $"identity kind '{kind}' must be a word of letters, digits, '-', '_' or '.'";
            return false;
        }

        var normalisedValue = value?.Trim();
        if (string.IsNullOrEmpty(normalisedValue))
        {
            reason = $"{normalisedKind} identity has an empty value";
            return false;
        }

        if (normalisedKind != IdentityKinds.Email && normalisedKind != IdentityKinds.User
            && normalisedKind != IdentityKinds.Anonymous && normalisedValue[0] == '@' && normalisedValue.Length > 1)
        {
            normalisedValue = normalisedValue[1..];
        }

        if (IdentityKinds.IsCaseInsensitive(normalisedKind))
        {
            normalisedValue = normalisedValue.ToLowerInvariant();
        }

        if (normalisedKind == IdentityKinds.Email && normalisedValue.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            reason = $"'{normalisedValue}' is not an email address";
            return false;
        }

        identity = new Identity(normalisedKind, normalisedValue);
        reason = null;
        return true;
    }

    /// <summary>Parses the <c>kind:value</c> form used on the command line and in URLs, e.g. <c>github:octocat</c>.</summary>
    public static bool TryParse(string? text, out Identity identity, [NotNullWhen(false)] out string? reason)
    {
        identity = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0)
        {
            reason = $"'{text}' is not an identity; write it as kind:value, for example email:ada@example.com or github:octocat";
            return false;
        }

        return TryCreate(text[..colon], text[(colon + 1)..], out identity, out reason);
    }

    public static Identity Parse(string text) =>
        TryParse(text, out var identity, out var reason) ? identity : throw new FormatException(reason);

    public override string ToString() => $"{Kind}:{Value}";

    private static bool IsWord(string kind)
    {
        foreach (var c in kind)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.'))
            {
                return false;
            }
        }

        return true;
    }
}

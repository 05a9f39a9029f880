using System.Text.RegularExpressions;

namespace Rapport.Configuration;

/// <summary>Hides secrets in settings that are shown (<c>rapport config show</c>): passwords, keys, tokens.</summary>
internal static partial class SettingSecrets
{
    public const string Mask = "****";

    public static string? Masked(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (SecretKey().IsMatch(key))
        {
            return Mask;
        }

        // A PostgreSQL connection string or URI carries its password inside.
        var masked = PasswordInConnectionString().Replace(value, match => match.Groups[1].Value + Mask);
        return PasswordInUri().Replace(masked, match => match.Groups[1].Value + Mask + "@");
    }

    [GeneratedRegex("(password|secret|token|apikey|api_key)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    [GeneratedRegex("((?:^|;)\\s*(?:password|pwd)\\s*=)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex("^(postgres(?:ql)?://[^:/@]*:)[^@]*@", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInUri();
}

using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rapport.Core;

/// <summary>How the domain's enums are written for people (<c>in_person</c>) and read back from what people type (<c>in-person</c>, <c>In Person</c>).</summary>
internal static class EnumNames
{
    /// <summary>Snake case: <c>InPerson</c> → <c>in_person</c>.</summary>
    public static string Snake<T>(T value)
        where T : struct, Enum
    {
        var pascal = value.ToString();
        var builder = new StringBuilder(pascal.Length + 4);
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

    /// <summary>The value whose name equals the text once hyphens, underscores and spaces are left out, ignoring case.</summary>
    public static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? value)
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
}

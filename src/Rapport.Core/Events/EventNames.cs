using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rapport.Core.Events;

/// <summary>
/// The names of event kinds, formats and cost categories as people type them and JSON writes them: snake_case
/// (<c>in_person</c>); dashes, spaces and case are accepted on input (<c>In-Person</c>).
/// </summary>
public static class EventNames
{
    public static string Name(EventKind kind) => Snake(kind.ToString());

    public static string Name(EventFormat format) => Snake(format.ToString());

    public static string Name(CostCategory category) => Snake(category.ToString());

    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<EventKind>().Select(Name)];

    public static IReadOnlyList<string> FormatNames { get; } = [.. Enum.GetValues<EventFormat>().Select(Name)];

    public static IReadOnlyList<string> CostCategoryNames { get; } = [.. Enum.GetValues<CostCategory>().Select(Name)];

    public static EventKind ParseKind(string text) => TryParse<EventKind>(text, out var kind)
        ? kind.Value
        : throw new FormatException($"'{text}' is not an event kind; the kinds are {string.Join(", ", KindNames)}");

    public static EventFormat ParseFormat(string text) => TryParse<EventFormat>(text, out var format)
        ? format.Value
        : throw new FormatException($"'{text}' is not an event format; the formats are {string.Join(", ", FormatNames)}");

    public static CostCategory ParseCostCategory(string text) => TryParse<CostCategory>(text, out var category)
        ? category.Value
        : throw new FormatException($"'{text}' is not a cost category; the categories are {string.Join(", ", CostCategoryNames)}");

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
}

namespace Rapport.Core.Events;

/// <summary>
/// The names of event kinds, formats and cost categories as people type them and JSON writes them: snake_case
/// (<c>in_person</c>); dashes, spaces and case are accepted on input (<c>In-Person</c>).
/// </summary>
public static class EventNames
{
    public static string Name(EventKind kind) => EnumNames.Snake(kind);

    public static string Name(EventFormat format) => EnumNames.Snake(format);

    public static string Name(CostCategory category) => EnumNames.Snake(category);

    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<EventKind>().Select(Name)];

    public static IReadOnlyList<string> FormatNames { get; } = [.. Enum.GetValues<EventFormat>().Select(Name)];

    public static IReadOnlyList<string> CostCategoryNames { get; } = [.. Enum.GetValues<CostCategory>().Select(Name)];

    public static EventKind ParseKind(string text) => EnumNames.TryParse<EventKind>(text, out var kind)
        ? kind.Value
        : throw new FormatException($"'{text}' is not an event kind; the kinds are {string.Join(", ", KindNames)}");

    public static EventFormat ParseFormat(string text) => EnumNames.TryParse<EventFormat>(text, out var format)
        ? format.Value
        : throw new FormatException($"'{text}' is not an event format; the formats are {string.Join(", ", FormatNames)}");

    public static CostCategory ParseCostCategory(string text) => EnumNames.TryParse<CostCategory>(text, out var category)
        ? category.Value
        : throw new FormatException($"'{text}' is not a cost category; the categories are {string.Join(", ", CostCategoryNames)}");
}

using System.Text.Json;

namespace Rapport.Core.Members;

/// <summary>How a developer is named on screen: their name trait, first and last name, or their best identity.</summary>
public static class MemberDisplayName
{
    public static string? FromTraits(IReadOnlyDictionary<string, JsonElement> traits)
    {
        if (Text(traits, "name") is { } name)
        {
            return name;
        }

        var first = Text(traits, "firstName") ?? Text(traits, "first_name");
        var last = Text(traits, "lastName") ?? Text(traits, "last_name");
        var full = $"{first} {last}".Trim();
        return full.Length > 0 ? full : null;
    }

    /// <summary>The name to greet a developer by: their first name, or the first word of their full name.</summary>
    public static string? FirstNameFromTraits(IReadOnlyDictionary<string, JsonElement> traits) =>
        Text(traits, "firstName") ?? Text(traits, "first_name")
        ?? Text(traits, "name")?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];

    private static string? Text(IReadOnlyDictionary<string, JsonElement> traits, string key) =>
        traits.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}

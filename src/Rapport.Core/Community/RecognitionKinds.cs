namespace Rapport.Core.Community;

/// <summary>The kinds of recognition the hero program gives.</summary>
public static class RecognitionKinds
{
    public static IReadOnlyList<string> All { get; } = ["swag", "shout_out", "sponsored_travel", "product_time", "other"];

    /// <summary>The kind's name, or a <see cref="FormatException"/> naming the kinds.</summary>
    public static string Parse(string? kind)
    {
        var name = kind?.Trim().ToLowerInvariant().Replace('-', '_');
        return All.Contains(name) ? name! : throw new FormatException($"'{kind}' is not a kind of recognition; use one of {string.Join(", ", All)}");
    }
}

namespace Rapport.Core.Workspaces;

/// <summary>One product or company. Every record belongs to a workspace.</summary>
public sealed record Workspace(int Id, string Slug, DateTime CreatedAt)
{
    public const string DefaultSlug = "default";

    /// <summary>Slugs are short lower-case names: letters, digits and dashes.</summary>
    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= 64 && char.IsAsciiLetterLower(slug[0])
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}

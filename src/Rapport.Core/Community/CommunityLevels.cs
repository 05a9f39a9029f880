using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Community;

/// <summary>The levels in order and their lower-case names, as they appear in files, JSON and URLs.</summary>
public static class CommunityLevels
{
    public static IReadOnlyList<CommunityLevel> All { get; } = [CommunityLevel.Passive, CommunityLevel.Active, CommunityLevel.Hero];

    public static string Name(CommunityLevel level) => level switch
    {
        CommunityLevel.Passive => "passive",
        CommunityLevel.Active => "active",
        CommunityLevel.Hero => "hero",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out CommunityLevel? level)
    {
        level = name?.Trim().ToLowerInvariant() switch
        {
            "passive" => CommunityLevel.Passive,
            "active" => CommunityLevel.Active,
            "hero" => CommunityLevel.Hero,
            _ => null,
        };
        return level is not null;
    }
}

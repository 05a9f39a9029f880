using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Journey;

/// <summary>The stages in order and their lower-case names, as they appear in files, JSON and URLs.</summary>
public static class JourneyStages
{
    public static IReadOnlyList<JourneyStage> All { get; } =
        [JourneyStage.Discover, JourneyStage.Evaluate, JourneyStage.Learn, JourneyStage.Build, JourneyStage.Scale];

    public const int Count = 5;

    public static string Name(JourneyStage stage) => stage switch
    {
        JourneyStage.Discover => "discover",
        JourneyStage.Evaluate => "evaluate",
        JourneyStage.Learn => "learn",
        JourneyStage.Build => "build",
        JourneyStage.Scale => "scale",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out JourneyStage? stage)
    {
        stage = name?.Trim().ToLowerInvariant() switch
        {
            "discover" => JourneyStage.Discover,
            "evaluate" => JourneyStage.Evaluate,
            "learn" => JourneyStage.Learn,
            "build" => JourneyStage.Build,
            "scale" => JourneyStage.Scale,
            _ => null,
        };
        return stage is not null;
    }
}

using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>One way to qualify: at least <paramref name="Developers"/> developers of one organization at <paramref name="Stage"/> or a later stage.</summary>
public sealed record LeadRule(int Developers, JourneyStage Stage)
{
    /// <summary>How the rule reads when <paramref name="count"/> developers met it: "4 developers at build or beyond (3 needed)".</summary>
    public string Describe(int count)
    {
        var stage = Stage == JourneyStage.Scale ? "at scale" : $"at {JourneyStages.Name(Stage)} or beyond";
        return $"{count} developer{(count == 1 ? "" : "s")} {stage} ({Developers} needed)";
    }
}

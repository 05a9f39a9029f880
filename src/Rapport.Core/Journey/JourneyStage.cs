namespace Rapport.Core.Journey;

/// <summary>The developer journey, in order. A later stage implies every earlier one has been reached.</summary>
public enum JourneyStage
{
    Discover = 0,
    Evaluate = 1,
    Learn = 2,
    Build = 3,
    Scale = 4,
}

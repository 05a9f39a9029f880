using Rapport.Core.Journey;

namespace Rapport.Core.Funnel;

/// <summary>One row of the funnel: how many developers reached at least <see cref="Stage"/>.</summary>
/// <param name="Conversion">Developers at this stage divided by developers at the previous one; <c>null</c> for Discover or when the previous stage has none.</param>
/// <param name="MedianDaysFromPrevious">Median days from reaching the previous stage to reaching this one, over the developers who reached this one.</param>
public sealed record FunnelStage(JourneyStage Stage, long Developers, double? Conversion, double? MedianDaysFromPrevious);

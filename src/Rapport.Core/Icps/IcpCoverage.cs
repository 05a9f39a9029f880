using Rapport.Core.Journey;

namespace Rapport.Core.Icps;

/// <summary>
/// How well an ICP is covered: how many developers are in it, how far along the journey they are (per furthest
/// stage, and those with no stage yet), and the content tagged for it (<c>NAME</c> or <c>icp:NAME</c>).
/// </summary>
public sealed record IcpCoverage(
    string Name,
    string? Description,
    long Members,
    IReadOnlyDictionary<JourneyStage, long> Stages,
    long WithoutStage,
    IReadOnlyList<IcpContent> Content);

using Rapport.Core.Reports;

namespace Rapport.Core.Funnel;

/// <summary>
/// Which developers a funnel counts: those first seen in <see cref="Range"/>, optionally only the members of one ICP
/// and only those whose first activity came through <see cref="Channel"/> (the first-touch channel).
/// </summary>
/// <param name="Channel">
/// The channel stored with the developer's earliest activity, as ingest derived it (an explicit channel, the campaign's
/// utm_source, or the referring host), compared without regard to case.
/// </param>
public sealed record FunnelFilter(DateRange Range, string? Icp = null, string? Channel = null)
{
    public static FunnelFilter All { get; } = new(DateRange.All);
}

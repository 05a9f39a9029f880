using Rapport.Core.Pulse;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The community's health pulse (docs/community.md#health-pulse).</summary>
public partial interface IRapportStore
{
    /// <summary>The weekly series up to <paramref name="asOf"/> and the lapses at that time.</summary>
    Task<CommunityPulse> GetCommunityPulseAsync(Workspace workspace, DateTime asOf, PulseRules rules, CancellationToken cancellationToken);

    /// <summary>
    /// The pulse, with each lapse announced as <c>community.pulse_lapsed</c> to the subscriptions that want it; a
    /// lapse already announced is not announced again (its event id derives from its kind and start). Returns how
    /// many events were written (0 when no subscription wants them).
    /// </summary>
    Task<(CommunityPulse Pulse, int Announced)> CheckCommunityPulseAsync(Workspace workspace, DateTime asOf, PulseRules rules, CancellationToken cancellationToken);
}

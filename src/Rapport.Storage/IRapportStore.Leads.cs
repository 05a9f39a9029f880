using Rapport.Core.Leads;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>DevRel-qualified leads: the criteria, the leads they find, and their handoff to sales (docs/leads.md).</summary>
public partial interface IRapportStore
{
    /// <summary>The workspace's criteria, or <see cref="LeadCriteria.Default"/>.</summary>
    Task<LeadCriteria> GetLeadCriteriaAsync(Workspace workspace, CancellationToken cancellationToken);

    Task SetLeadCriteriaAsync(Workspace workspace, LeadCriteria criteria, CancellationToken cancellationToken);

    /// <summary>
    /// Finds the leads the criteria give now (<see cref="LeadQualifier"/>): adds new ones with the status
    /// <see cref="LeadStatus.New"/> and announces each with a <c>drql.created</c> event in the same transaction, updates
    /// the reasons of known ones, and marks those that no longer qualify. Idempotent; statuses are left as they are.
    /// </summary>
    Task<LeadRefreshResult> RefreshLeadsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>The workspace's leads, newest first, optionally only those with <paramref name="status"/>.</summary>
    Task<IReadOnlyList<Lead>> ListLeadsAsync(Workspace workspace, LeadStatus? status, CancellationToken cancellationToken);

    /// <summary>A page of the leads, newest (highest id) first, read by keyset.</summary>
    Task<KeysetPage<Lead>> ListLeadsAsync(Workspace workspace, LeadStatus? status, KeysetRequest page, CancellationToken cancellationToken);

    Task<Lead?> GetLeadAsync(Workspace workspace, long leadId, CancellationToken cancellationToken);

    /// <summary>Sets a lead's handoff status with a note, recording who changed it; <c>null</c> when there is no such lead.</summary>
    Task<Lead?> UpdateLeadStatusAsync(
        Workspace workspace, long leadId, LeadStatus status, string? note, string changedBy, CancellationToken cancellationToken);
}

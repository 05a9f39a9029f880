using Rapport.Core.Audit;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The audit log: every administrative action, readable by owners (docs/security.md#audit-log).</summary>
public partial interface IRapportStore
{
    Task AddAuditEntryAsync(Workspace workspace, string actor, string action, string? target, string? detail, CancellationToken cancellationToken);

    /// <summary>The newest entries first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditEntriesAsync(Workspace workspace, int limit, CancellationToken cancellationToken);

    /// <summary>A page of the log, newest first (time, then id), read by keyset however long the log.</summary>
    Task<KeysetPage<AuditEntry>> ListAuditEntriesAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);
}

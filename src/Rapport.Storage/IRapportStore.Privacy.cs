using System.Text.Json.Nodes;
using Rapport.Core.Identities;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// A developer's right to see and to remove what the workspace holds about them (docs/security.md#privacy): export
/// reads every row about them; erase deletes them in one transaction and keeps only a hashed suppression entry per
/// identity, so late events for them are dropped at ingest rather than creating the person again.
/// </summary>
public partial interface IRapportStore
{
    /// <summary>Every row about the developer with <paramref name="identity"/>, table by table; <c>null</c> when no developer has it.</summary>
    Task<JsonObject?> ExportMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the developer with <paramref name="identity"/> and everything derived from them, records their identities
    /// as erased and writes the audit entry (naming the member number, not the person); <c>null</c> when no developer has it.
    /// </summary>
    Task<MemberErasure?> EraseMemberAsync(Workspace workspace, Identity identity, string by, CancellationToken cancellationToken);
}

using Rapport.Core.Audit;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The audit log of administrative actions, written once for both backends.</summary>
public abstract partial class SqlStore
{
    /// <summary>One audit entry: <c>$1</c> workspace, <c>$2</c> id, <c>$3</c> time, <c>$4</c> actor, <c>$5</c> action, <c>$6</c> target, <c>$7</c> detail.</summary>
    private protected const string AuditInsert =
        "INSERT INTO audit_log (workspace_id, id, occurred_at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    public Task AddAuditEntryAsync(Workspace workspace, string actor, string action, string? target, string? detail, CancellationToken cancellationToken) =>
        ExecuteAsync(AuditInsert, [workspace.Id, Guid.NewGuid(), Now(), actor, action, target, detail], cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAuditEntriesAsync(Workspace workspace, int limit, CancellationToken cancellationToken) =>
        ReadAuditEntriesAsync("", [workspace.Id], Math.Clamp(limit, 1, 10_000), cancellationToken);

    public async Task<KeysetPage<AuditEntry>> ListAuditEntriesAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        object?[] parameters = [workspace.Id];
        var after = "";
        if (page.After is { } key)
        {
            var parts = KeyParts(key, 2);
            parameters = [workspace.Id, KeyTime(parts[0]), KeyGuid(parts[1])];
            after = "AND " + AfterKey("occurred_at", true, "id", false, 2);
        }

        var rows = await ReadAuditEntriesAsync(after, parameters, FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(rows, page, entry => Key(entry.At, entry.Id));
    }

    private Task<IReadOnlyList<AuditEntry>> ReadAuditEntriesAsync(
        string after, object?[] parameters, int limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<AuditEntry>>(
            $"""
            SELECT id, occurred_at, actor, action, target, detail FROM audit_log WHERE workspace_id = $1 {after}
            ORDER BY occurred_at DESC, id LIMIT {limit}
            """,
            parameters,
            reader =>
            {
                var entries = new List<AuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new AuditEntry(reader.GetGuid(0), ReadTime(reader, 1)!.Value, reader.GetString(2), reader.GetString(3),
                        ReadText(reader, 4), ReadText(reader, 5)));
                }

                return entries;
            }, cancellationToken);
}

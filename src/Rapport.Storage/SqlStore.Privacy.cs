using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Rapport.Core.Identities;
using Rapport.Core.Privacy;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Export and erasure of one developer, written once for both backends.</summary>
public abstract partial class SqlStore
{
    /// <summary>The hashes of the workspace's erased identities (<c>$1</c> is the workspace), then its salt: see <see cref="ReadErasedIdentities"/>.</summary>
    private protected const string ErasedIdentitiesQuery =
        """
        SELECT identity_hash, NULL FROM erased_identities WHERE workspace_id = $1
        UNION ALL
        SELECT NULL, salt FROM privacy_salts WHERE workspace_id = $1
        """;

    /// <summary>The developer's identities (<c>$1</c> workspace, <c>$2</c> member).</summary>
    private const string MemberIdentities = "SELECT id FROM identities WHERE workspace_id = $1 AND member_id = $2";

    /// <summary>A row that mentions one of the developer's identity values in its text (a webhook payload, a lead's developer list).</summary>
    private static string Mentions(string table, string column) =>
        $"EXISTS (SELECT 1 FROM identities i WHERE i.workspace_id = $1 AND i.member_id = $2 AND strpos(CAST({table}.{column} AS TEXT), i.value) > 0)";

    /// <summary>
    /// Every table that holds something about one developer, and the condition (<c>$1</c> workspace, <c>$2</c> member)
    /// that finds it, in an order that deletes rows before the rows they point at. Every table of
    /// <see cref="StoredTables.All"/> is either here or holds no personal data (the erasure test checks each).
    /// </summary>
    private static readonly (string Table, string Condition)[] MemberTables =
    [
        ("outreach_notes", $"task_id IN (SELECT id FROM outreach_tasks WHERE workspace_id = $1 AND identity_id IN ({MemberIdentities}))"),
        ("outreach_tasks", $"identity_id IN ({MemberIdentities})"),
        ("webhook_attempts", $"event_id IN (SELECT id FROM webhook_events WHERE workspace_id = $1 AND {Mentions("webhook_events", "payload")})"),
        ("webhook_deliveries", $"event_id IN (SELECT id FROM webhook_events WHERE workspace_id = $1 AND {Mentions("webhook_events", "payload")})"),
        ("webhook_events", Mentions("webhook_events", "payload")),
        ("lead_status_changes", $"lead_id IN (SELECT id FROM leads WHERE workspace_id = $1 AND {Mentions("leads", "developers")})"),
        ("leads", Mentions("leads", "developers")),
        ("activities", $"identity_id IN ({MemberIdentities})"),
        ("profile_updates", $"identity_id IN ({MemberIdentities})"),
        ("traits", $"identity_id IN ({MemberIdentities})"),
        ("merge_suggestions", $"identity_id IN ({MemberIdentities}) OR other_identity_id IN ({MemberIdentities})"),
        ("member_notes", $"identity_id IN ({MemberIdentities})"),
        ("member_tags", $"identity_id IN ({MemberIdentities})"),
        ("hero_nominations", $"identity_id IN ({MemberIdentities})"),
        ("recognitions", $"identity_id IN ({MemberIdentities})"),
        ("member_levels", "member_id = $2"),
        ("member_merges", "winner_id = $2 OR loser_id = $2"),
        ("identities", "member_id = $2"),
        ("members", "id = $2"),
    ];

    public Task<JsonObject?> ExportMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            if (await MemberIdOfAsync(workspace, identity, cancellationToken).ConfigureAwait(false) is not { } memberId)
            {
                return null;
            }

            var export = new JsonObject { ["workspace"] = workspace.Slug, ["memberId"] = memberId, ["identity"] = identity.ToString() };
            var tables = new JsonObject();
            // In the order a reader expects: the developer first, then what they did, then what was derived.
            foreach (var (table, condition) in MemberTables.Reverse())
            {
                var columns = StoredTables.Find(table);
                var rows = await QueryAsync(
                    $"SELECT {StoredTables.SelectList(columns)} FROM {table} WHERE workspace_id = $1 AND ({condition})",
                    [workspace.Id, memberId], reader => ReadRows(reader, columns), cancellationToken).ConfigureAwait(false);
                tables[table] = rows;
            }

            export["tables"] = tables;
            return export;
        }, cancellationToken);

    public async Task<MemberErasure?> EraseMemberAsync(Workspace workspace, Identity identity, string by, CancellationToken cancellationToken) =>
        await ChangeUnderIngestLockAsync(workspace, identitiesChanged: true, async (writer, _) =>
        {
            var memberId = await writer.QueryAsync(
                "SELECT member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
                [workspace.Id, identity.Kind, identity.Value], reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
                cancellationToken).ConfigureAwait(false);
            if (memberId is not { } id)
            {
                return null;
            }

            object?[] member = [workspace.Id, id];
            var identities = await writer.QueryAsync(
                "SELECT kind, value FROM identities WHERE workspace_id = $1 AND member_id = $2", member,
                reader =>
                {
                    var list = new List<Identity>();
                    while (reader.Read())
                    {
                        list.Add(Identity.Create(reader.GetString(0), reader.GetString(1)));
                    }

                    return list;
                }, cancellationToken).ConfigureAwait(false);

            var deleted = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (table, condition) in MemberTables)
            {
                var where = $"workspace_id = $1 AND ({condition})";
                deleted[table] = await writer.QueryAsync($"SELECT count(*) FROM {table} WHERE {where}", member,
                    reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
                if (deleted[table] > 0)
                {
                    await writer.ExecuteAsync($"DELETE FROM {table} WHERE {where}", member, cancellationToken).ConfigureAwait(false);
                }
            }

            var now = Now();
            await writer.ExecuteAsync(
                "INSERT INTO privacy_salts (workspace_id, salt, created_at) VALUES ($1, $2, $3) ON CONFLICT (workspace_id) DO NOTHING",
                [workspace.Id, Convert.ToBase64String(ErasedIdentities.NewSalt()), now], cancellationToken).ConfigureAwait(false);
            var salt = Convert.FromBase64String(await writer.QueryAsync(
                "SELECT salt FROM privacy_salts WHERE workspace_id = $1", [workspace.Id], reader => reader.Read() ? reader.GetString(0) : "",
                cancellationToken).ConfigureAwait(false));
            foreach (var erased in identities)
            {
                await writer.ExecuteAsync(
                    "INSERT INTO erased_identities (workspace_id, identity_hash, erased_at) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, identity_hash) DO NOTHING",
                    [workspace.Id, ErasedIdentities.Hash(salt, erased), now], cancellationToken).ConfigureAwait(false);
            }

            // The audit entry names the member number only: the person's identities are what was erased.
            await writer.ExecuteAsync(AuditInsert,
                [workspace.Id, Guid.NewGuid(), now, by, "member.erased", $"member #{id}",
                    $"{identities.Count} identities suppressed, {deleted.Values.Sum()} rows deleted"],
                cancellationToken).ConfigureAwait(false);
            return new MemberErasure(id, identities.Count, deleted);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Reads <see cref="ErasedIdentitiesQuery"/>: the hashes, and the salt they were made with.</summary>
    private protected static ErasedIdentities ReadErasedIdentities(DbDataReader reader)
    {
        var hashes = new List<string>();
        byte[] salt = [];
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                hashes.Add(reader.GetString(0));
            }
            else
            {
                salt = Convert.FromBase64String(reader.GetString(1));
            }
        }

        return hashes.Count == 0 ? ErasedIdentities.None : new ErasedIdentities(salt, hashes);
    }

    private async Task<long?> MemberIdOfAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
            [workspace.Id, identity.Kind, identity.Value], reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
            cancellationToken).ConfigureAwait(false);

    private static JsonArray ReadRows(DbDataReader reader, StoredColumn[] columns)
    {
        var rows = new JsonArray();
        while (reader.Read())
        {
            var row = new JsonObject();
            for (var i = 0; i < columns.Length; i++)
            {
                row[columns[i].Name] = reader.IsDBNull(i) ? null : columns[i].Type switch
                {
                    StoredColumnType.Bigint => reader.GetInt64(i),
                    StoredColumnType.Integer => reader.GetInt32(i),
                    StoredColumnType.Double => reader.GetDouble(i),
                    StoredColumnType.Boolean => reader.GetBoolean(i),
                    StoredColumnType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
                    StoredColumnType.Date => reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    StoredColumnType.Uuid => reader.GetGuid(i).ToString(),
                    StoredColumnType.Json => JsonNode.Parse(reader.GetValue(i).ToString()!),
                    _ => reader.GetValue(i).ToString(),
                };
            }

            rows.Add(row);
        }

        return rows;
    }
}

using System.Data.Common;

namespace Rapport.Storage;

/// <summary>
/// The tables that hold a workspace's data, the same on every backend, in an order that satisfies PostgreSQL's
/// foreign keys (identities before the rows that name them). A workspace copy reads and writes exactly these.
/// </summary>
public static class StoredTables
{
    /// <summary>The one row of the workspace itself; only its creation time is copied (the target keeps its id and slug).</summary>
    public const string Workspaces = "workspaces";

    /// <summary>Each table's name and its columns other than <c>workspace_id</c>, in table order.</summary>
    internal static IReadOnlyList<(string Name, StoredColumn[] Columns)> All { get; } =
    [
        (Workspaces, [new("created_at", StoredColumnType.Timestamp)]),
        ("journey_maps", [new("definition", StoredColumnType.Json), new("updated_at", StoredColumnType.Timestamp)]),
        ("members",
        [
            new("id", StoredColumnType.Bigint), new("created_at", StoredColumnType.Timestamp),
            new("first_activity_at", StoredColumnType.Timestamp), new("last_activity_at", StoredColumnType.Timestamp),
            new("activity_count", StoredColumnType.Bigint), new("discover_at", StoredColumnType.Timestamp),
            new("evaluate_at", StoredColumnType.Timestamp), new("learn_at", StoredColumnType.Timestamp),
            new("build_at", StoredColumnType.Timestamp), new("scale_at", StoredColumnType.Timestamp),
            new("first_touch_channel", StoredColumnType.Text), new("first_touch_at", StoredColumnType.Timestamp),
        ]),
        ("identities",
        [
            new("id", StoredColumnType.Bigint), new("member_id", StoredColumnType.Bigint), new("kind", StoredColumnType.Text),
            new("value", StoredColumnType.Text), new("first_seen_at", StoredColumnType.Timestamp),
        ]),
        ("activities",
        [
            new("message_key", StoredColumnType.Uuid), new("message_id", StoredColumnType.Text), new("identity_id", StoredColumnType.Bigint),
            new("type", StoredColumnType.Text), new("occurred_at", StoredColumnType.Timestamp), new("received_at", StoredColumnType.Timestamp),
            new("source", StoredColumnType.Text), new("channel", StoredColumnType.Text), new("url", StoredColumnType.Text),
            new("referrer", StoredColumnType.Text), new("title", StoredColumnType.Text), new("user_agent", StoredColumnType.Text),
            new("ip", StoredColumnType.Text), new("campaign", StoredColumnType.Json), new("properties", StoredColumnType.Json),
        ]),
        ("profile_updates",
        [
            new("message_key", StoredColumnType.Uuid), new("message_id", StoredColumnType.Text), new("type", StoredColumnType.Text),
            new("identity_id", StoredColumnType.Bigint), new("occurred_at", StoredColumnType.Timestamp),
            new("received_at", StoredColumnType.Timestamp), new("group_id", StoredColumnType.Text), new("traits", StoredColumnType.Json),
        ]),
        ("traits",
        [
            new("identity_id", StoredColumnType.Bigint), new("key", StoredColumnType.Text), new("value", StoredColumnType.Json),
            new("updated_at", StoredColumnType.Timestamp),
        ]),
        // Columns added by later migrations come last, where DuckDB's appender, which writes by position, expects them.
        ("merge_suggestions",
        [
            new("identity_id", StoredColumnType.Bigint), new("other_identity_id", StoredColumnType.Bigint), new("reason", StoredColumnType.Text),
            new("suggested_at", StoredColumnType.Timestamp), new("status", StoredColumnType.Text), new("id", StoredColumnType.Bigint),
            new("rule", StoredColumnType.Text), new("confidence", StoredColumnType.Double), new("decided_at", StoredColumnType.Timestamp),
            new("decided_by", StoredColumnType.Text),
        ]),
        ("member_merges",
        [
            new("winner_id", StoredColumnType.Bigint), new("loser_id", StoredColumnType.Bigint), new("merged_at", StoredColumnType.Timestamp),
            new("reason", StoredColumnType.Text), new("id", StoredColumnType.Bigint), new("merged_by", StoredColumnType.Text),
            new("identity_ids", StoredColumnType.Text), new("undone_at", StoredColumnType.Timestamp), new("undone_by", StoredColumnType.Text),
        ]),
        ("api_keys",
        [
            new("id", StoredColumnType.Bigint), new("prefix", StoredColumnType.Text), new("sha256", StoredColumnType.Text),
            new("scope", StoredColumnType.Text), new("name", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
            new("revoked_at", StoredColumnType.Timestamp),
        ]),
        ("member_notes",
        [
            new("id", StoredColumnType.Uuid), new("identity_id", StoredColumnType.Bigint), new("author", StoredColumnType.Text),
            new("body", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("member_tags",
        [
            new("identity_id", StoredColumnType.Bigint), new("tag", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("webhook_secrets",
        [
            new("source", StoredColumnType.Text), new("secret", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("community_configs", [new("definition", StoredColumnType.Json), new("updated_at", StoredColumnType.Timestamp)]),
        ("community_refreshes",
        [
            new("id", StoredColumnType.Bigint), new("as_of", StoredColumnType.Timestamp), new("refreshed_at", StoredColumnType.Timestamp),
            new("members", StoredColumnType.Bigint),
        ]),
        ("member_levels",
        [
            new("member_id", StoredColumnType.Bigint), new("refresh_id", StoredColumnType.Bigint), new("score", StoredColumnType.Double),
            new("score_level", StoredColumnType.Integer), new("level", StoredColumnType.Integer), new("previous_level", StoredColumnType.Integer),
            new("history", StoredColumnType.Text), new("last_activity_at", StoredColumnType.Timestamp),
            new("recent_advocacy", StoredColumnType.Bigint), new("stage", StoredColumnType.Integer),
            new("stalled_since", StoredColumnType.Timestamp), new("newly_stalled", StoredColumnType.Boolean),
            new("candidate_since", StoredColumnType.Timestamp),
        ]),
        ("hero_nominations",
        [
            new("id", StoredColumnType.Uuid), new("identity_id", StoredColumnType.Bigint), new("hero", StoredColumnType.Boolean),
            new("nominated_by", StoredColumnType.Text), new("reason", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("recognitions",
        [
            new("id", StoredColumnType.Uuid), new("identity_id", StoredColumnType.Bigint), new("kind", StoredColumnType.Text),
            new("note", StoredColumnType.Text), new("given_on", StoredColumnType.Date), new("given_by", StoredColumnType.Text),
            new("created_at", StoredColumnType.Timestamp),
        ]),
        ("outreach_tasks",
        [
            new("id", StoredColumnType.Bigint), new("identity_id", StoredColumnType.Bigint), new("reason", StoredColumnType.Text),
            new("episode_at", StoredColumnType.Timestamp), new("stage", StoredColumnType.Integer),
            new("last_activity_at", StoredColumnType.Timestamp), new("status", StoredColumnType.Text),
            new("snoozed_until", StoredColumnType.Timestamp), new("assignee", StoredColumnType.Text), new("refresh_id", StoredColumnType.Bigint),
            new("created_at", StoredColumnType.Timestamp), new("updated_at", StoredColumnType.Timestamp), new("feedback_id", StoredColumnType.Bigint),
        ]),
        ("outreach_notes",
        [
            new("id", StoredColumnType.Uuid), new("task_id", StoredColumnType.Bigint), new("author", StoredColumnType.Text),
            new("body", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("webhook_subscriptions",
        [
            new("id", StoredColumnType.Bigint), new("url", StoredColumnType.Text), new("events", StoredColumnType.Text),
            new("format", StoredColumnType.Text), new("secret", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
            new("removed_at", StoredColumnType.Timestamp),
        ]),
        ("webhook_events",
        [
            new("id", StoredColumnType.Uuid), new("name", StoredColumnType.Text), new("payload", StoredColumnType.Json),
            new("text", StoredColumnType.Text), new("occurred_at", StoredColumnType.Timestamp), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("webhook_deliveries",
        [
            new("event_id", StoredColumnType.Uuid), new("subscription_id", StoredColumnType.Bigint), new("id", StoredColumnType.Uuid),
            new("status", StoredColumnType.Text), new("attempts", StoredColumnType.Bigint), new("next_attempt_at", StoredColumnType.Timestamp),
            new("claim", StoredColumnType.Uuid), new("last_status_code", StoredColumnType.Bigint), new("last_error", StoredColumnType.Text),
            new("delivered_at", StoredColumnType.Timestamp), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("webhook_attempts",
        [
            new("event_id", StoredColumnType.Uuid), new("subscription_id", StoredColumnType.Bigint), new("attempt", StoredColumnType.Bigint),
            new("attempted_at", StoredColumnType.Timestamp), new("duration_ms", StoredColumnType.Bigint), new("status_code", StoredColumnType.Bigint),
            new("error", StoredColumnType.Text),
        ]),
        ("lead_criteria", [new("definition", StoredColumnType.Json), new("updated_at", StoredColumnType.Timestamp)]),
        ("leads",
        [
            new("id", StoredColumnType.Bigint), new("key", StoredColumnType.Text), new("kind", StoredColumnType.Text), new("name", StoredColumnType.Text),
            new("reason", StoredColumnType.Text), new("developers", StoredColumnType.Json), new("developer_count", StoredColumnType.Bigint),
            new("status", StoredColumnType.Text),
            new("note", StoredColumnType.Text), new("status_changed_by", StoredColumnType.Text), new("status_changed_at", StoredColumnType.Timestamp),
            new("first_qualified_at", StoredColumnType.Timestamp), new("lapsed_at", StoredColumnType.Timestamp),
            new("updated_at", StoredColumnType.Timestamp),
        ]),
        ("lead_status_changes",
        [
            new("id", StoredColumnType.Uuid), new("lead_id", StoredColumnType.Bigint), new("status", StoredColumnType.Text),
            new("note", StoredColumnType.Text), new("changed_by", StoredColumnType.Text), new("changed_at", StoredColumnType.Timestamp),
        ]),
        ("content_items",
        [
            new("id", StoredColumnType.Bigint), new("kind", StoredColumnType.Text), new("title", StoredColumnType.Text),
            new("urls", StoredColumnType.Json), new("channel", StoredColumnType.Text), new("party", StoredColumnType.Text),
            new("published_at", StoredColumnType.Timestamp), new("authors", StoredColumnType.Json), new("tags", StoredColumnType.Json),
            new("effort_minutes", StoredColumnType.Bigint), new("parent_id", StoredColumnType.Bigint), new("reuse", StoredColumnType.Text),
            new("description", StoredColumnType.Text), new("source", StoredColumnType.Text), new("source_key", StoredColumnType.Text),
            new("created_at", StoredColumnType.Timestamp), new("updated_at", StoredColumnType.Timestamp),
        ]),
        ("tracked_links",
        [
            new("slug", StoredColumnType.Text), new("destination", StoredColumnType.Text), new("content_id", StoredColumnType.Bigint),
            new("channel", StoredColumnType.Text), new("campaign", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
        ]),
        ("video_reach",
        [
            new("video_id", StoredColumnType.Text), new("traffic_source", StoredColumnType.Text), new("title", StoredColumnType.Text),
            new("views", StoredColumnType.Bigint), new("watch_seconds", StoredColumnType.Bigint), new("imported_at", StoredColumnType.Timestamp),
        ]),
        ("page_reach",
        [
            new("log_key", StoredColumnType.Text), new("url", StoredColumnType.Text), new("day", StoredColumnType.Timestamp),
            new("views", StoredColumnType.Bigint), new("human_views", StoredColumnType.Bigint), new("organic_views", StoredColumnType.Bigint),
            new("engaged_views", StoredColumnType.Bigint), new("validated_views", StoredColumnType.Bigint),
            new("paid_engaged_views", StoredColumnType.Bigint), new("imported_at", StoredColumnType.Timestamp),
        ]),
        ("privacy_salts", [new("salt", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp)]),
        ("erased_identities", [new("identity_hash", StoredColumnType.Text), new("erased_at", StoredColumnType.Timestamp)]),
        ("audit_log",
        [
            new("id", StoredColumnType.Uuid), new("occurred_at", StoredColumnType.Timestamp), new("actor", StoredColumnType.Text),
            new("action", StoredColumnType.Text), new("target", StoredColumnType.Text), new("detail", StoredColumnType.Text),
        ]),
        ("content_texts", [new("content_id", StoredColumnType.Bigint), new("body", StoredColumnType.Text), new("updated_at", StoredColumnType.Timestamp)]),
        ("feedback_items",
        [
            new("id", StoredColumnType.Bigint), new("title", StoredColumnType.Text), new("body", StoredColumnType.Text), new("kind", StoredColumnType.Text),
            new("area", StoredColumnType.Text), new("status", StoredColumnType.Text), new("tracker_url", StoredColumnType.Text),
            new("source", StoredColumnType.Text), new("source_message_id", StoredColumnType.Text), new("organizations", StoredColumnType.Json),
            new("created_by", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp), new("updated_at", StoredColumnType.Timestamp),
            new("shipped_at", StoredColumnType.Timestamp),
        ]),
        ("feedback_voters",
        [
            new("feedback_id", StoredColumnType.Bigint), new("identity_id", StoredColumnType.Bigint), new("role", StoredColumnType.Text),
            new("message_id", StoredColumnType.Text), new("added_by", StoredColumnType.Text), new("added_at", StoredColumnType.Timestamp),
        ]),
        ("events",
        [
            new("id", StoredColumnType.Bigint), new("name", StoredColumnType.Text), new("kind", StoredColumnType.Text),
            new("format", StoredColumnType.Text), new("starts_on", StoredColumnType.Date), new("ends_on", StoredColumnType.Date),
            new("location", StoredColumnType.Text), new("url", StoredColumnType.Text), new("audience_tags", StoredColumnType.Json),
            new("reported_audience", StoredColumnType.Bigint), new("costs", StoredColumnType.Json), new("effort_minutes", StoredColumnType.Bigint),
            new("talks", StoredColumnType.Json), new("description", StoredColumnType.Text), new("created_at", StoredColumnType.Timestamp),
            new("updated_at", StoredColumnType.Timestamp),
        ]),
        ("icp_definitions",
        [
            new("definition", StoredColumnType.Json), new("updated_at", StoredColumnType.Timestamp),
            new("derived_as_of", StoredColumnType.Timestamp), new("members_evaluated", StoredColumnType.Bigint),
        ]),
        ("icp_members", [new("icp", StoredColumnType.Text), new("member_id", StoredColumnType.Bigint)]),
        ("coverage_configs", [new("definition", StoredColumnType.Json), new("updated_at", StoredColumnType.Timestamp)]),
        ("feedback_dismissals",
        [
            new("message_id", StoredColumnType.Text), new("dismissed_by", StoredColumnType.Text), new("dismissed_at", StoredColumnType.Timestamp),
        ]),
        ("page_view_totals",
        [
            new("url", StoredColumnType.Text), new("day", StoredColumnType.Timestamp), new("views", StoredColumnType.Bigint),
            new("human_views", StoredColumnType.Bigint), new("organic_views", StoredColumnType.Bigint), new("engaged_views", StoredColumnType.Bigint),
            new("validated_views", StoredColumnType.Bigint), new("paid_engaged_views", StoredColumnType.Bigint),
            new("pruned_at", StoredColumnType.Timestamp),
        ]),
    ];

    /// <summary>The copied tables' names, in copy order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(table => table.Name)];

    /// <summary>A table's copied columns, in the order of a <see cref="StoredTableChunk"/>'s rows.</summary>
    public static IReadOnlyList<string> ColumnsOf(string table) =>
        [.. Find(table).Select(column => column.Name)];

    internal static StoredColumn[] Find(string table)
    {
        foreach (var (name, columns) in All)
        {
            if (name == table)
            {
                return columns;
            }
        }

        throw new ArgumentException($"'{table}' is not a table a workspace copy knows", nameof(table));
    }

    /// <summary>The columns as a select list.</summary>
    internal static string SelectList(StoredColumn[] columns) => string.Join(", ", columns.Select(column => column.Name));

    /// <summary>The condition that picks one workspace's rows of a table (<c>$1</c> is the workspace id).</summary>
    internal static string WorkspaceFilter(string table) => table == Workspaces ? "id = $1" : "workspace_id = $1";

    /// <summary>How many rows of one chunk a store reads or writes at a time.</summary>
    internal const int ChunkRows = 10_000;

    /// <summary>A condition that holds when the workspace has a row in any table but <c>workspaces</c> (<c>$1</c> is its id).</summary>
    internal static string AnyRowCondition { get; } = string.Join(
        " OR ", All.Where(table => table.Name != Workspaces).Select(table => $"EXISTS (SELECT 1 FROM {table.Name} WHERE workspace_id = $1)"));

    /// <summary>Reads up to <see cref="ChunkRows"/> rows of a query that selects <paramref name="columns"/>; none at the end.</summary>
    internal static async Task<List<object?[]>> ReadChunkAsync(DbDataReader reader, StoredColumn[] columns, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        while (rows.Count < ChunkRows && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : columns[i].Type switch
                {
                    StoredColumnType.Bigint => reader.GetInt64(i),
                    StoredColumnType.Double => reader.GetDouble(i),
                    StoredColumnType.Timestamp => DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Utc),
                    StoredColumnType.Uuid => reader.GetGuid(i),
                    StoredColumnType.Integer => reader.GetInt32(i),
                    StoredColumnType.Boolean => reader.GetBoolean(i),
                    StoredColumnType.Date => reader.GetFieldValue<DateOnly>(i),
                    _ => reader.GetString(i),
                };
            }

            rows.Add(row);
        }

        return rows;
    }
}

using System.Text;
using Rapport.Core.Funnel;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The funnel, filtered by first activity, ICP and first-touch channel, in one query on every backend.</summary>
public abstract partial class SqlStore
{
    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, FunnelFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(
            $"""
            SELECT count(discover_at), count(evaluate_at), count(learn_at), count(build_at), count(scale_at),
                   {Median(SecondsBetween("discover_at", "evaluate_at"))},
                   {Median(SecondsBetween("evaluate_at", "learn_at"))},
                   {Median(SecondsBetween("learn_at", "build_at"))},
                   {Median(SecondsBetween("build_at", "scale_at"))}
            FROM members
            WHERE workspace_id = $1
            """);
        var parameters = new List<object?> { workspace.Id };
        if (filter.Range.From is { } from)
        {
            parameters.Add(from);
            sql.Append(" AND first_activity_at >= $").Append(parameters.Count);
        }

        if (filter.Range.To is { } to)
        {
            parameters.Add(to);
            sql.Append(" AND first_activity_at < $").Append(parameters.Count);
        }

        if (filter.Icp is { } icp)
        {
            // Membership is derived ahead (icp_members), so filtering by an ICP is one semi-join, not rule evaluation.
            parameters.Add(icp);
            sql.Append(" AND id IN (SELECT member_id FROM icp_members WHERE workspace_id = $1 AND icp = $").Append(parameters.Count).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(filter.Channel))
        {
            // Kept on the member (first_touch_channel) by every ingest commit, merge and unmerge: a column test.
            parameters.Add(filter.Channel.Trim().ToLowerInvariant());
            sql.Append(" AND first_touch_channel = $").Append(parameters.Count);
        }

        return QueryAsync(sql.ToString(), [.. parameters], reader =>
        {
            reader.Read();
            Span<long> developers = stackalloc long[JourneyStages.Count];
            var medians = new double?[JourneyStages.Count];
            for (var i = 0; i < JourneyStages.Count; i++)
            {
                developers[i] = reader.GetInt64(i);
                medians[i] = i == 0 || reader.IsDBNull(JourneyStages.Count + i - 1) ? null : reader.GetDouble(JourneyStages.Count + i - 1);
            }

            return FunnelReport.FromCounts(developers, medians);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListFirstTouchChannelsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT first_touch_channel, count(*) AS developers FROM members
            WHERE workspace_id = $1 AND first_touch_channel IS NOT NULL
            GROUP BY first_touch_channel ORDER BY developers DESC, first_touch_channel LIMIT 100
            """, [workspace.Id], reader =>
            {
                var channels = new List<string>();
                while (reader.Read())
                {
                    channels.Add(reader.GetString(0));
                }

                return (IReadOnlyList<string>)channels;
            }, cancellationToken);

    /// <summary>
    /// Sets <c>first_touch_channel</c> (with <c>first_touch_at</c>, the first activity it was read at) for the members
    /// an ingest commit can have changed it for (<see cref="Core.Ingest.FirstTouchReading"/>): $2 the members it wrote
    /// activity for, kept when their first activity is at one of the instants $3; $4 the survivors of its merges.
    /// $1 is the workspace. Other members are not read, so a one-message commit costs the same on any size of store.
    /// One statement, run at the end of every ingest commit by both backends' sessions.
    /// </summary>
    internal static readonly string RefreshFirstTouchChannelsSql = FirstTouchChannelsSql(
        "(id IN (SELECT unnest($2)) AND first_activity_at IN (SELECT unnest($3)) OR id IN (SELECT unnest($4)))");

    /// <summary>
    /// <see cref="RefreshFirstTouchChannelsSql"/> reading the same three lists from the DuckDB writer's staging tables
    /// (<c>first_touch_members</c>, <c>first_touch_instants</c>, <c>first_touch_survivors</c>), which a session fills
    /// through the Appender. DuckDB holds a list parameter as one value per element outside its memory limit: a bulk
    /// import of a million developers bound 1.5 million of them, the import's peak memory (docs/benchmarks.md).
    /// </summary>
    internal static readonly string RefreshFirstTouchChannelsFromStagingSql = FirstTouchChannelsSql(
        """
        (id IN (SELECT id FROM first_touch_members) AND first_activity_at IN (SELECT instant FROM first_touch_instants)
           OR id IN (SELECT id FROM first_touch_survivors))
        """);

    /// <summary>
    /// The member's first touch: the channel of an activity at its first instant, in lower case, or null when none
    /// names one. When several activities at that instant name different channels, the first in ordinal (byte) order
    /// wins (<c>COLLATE "C"</c>, the same on both backends whatever the database's collation), so the choice does not
    /// depend on the order the activities arrived in. A correlated read, so that a commit that changed no first
    /// activity reads no activities at all.
    /// </summary>
    private protected static string FirstTouchChannelsSql(string which) =>
        $"""
        UPDATE members SET first_touch_at = first_activity_at, first_touch_channel = (
          SELECT min(lower(a.channel) COLLATE "C")
          FROM identities i
          JOIN activities a ON a.workspace_id = i.workspace_id AND a.identity_id = i.id
          WHERE i.workspace_id = members.workspace_id AND i.member_id = members.id
            AND a.occurred_at = members.first_activity_at AND a.channel <> '')
        WHERE workspace_id = $1 AND {which}
        """;
}

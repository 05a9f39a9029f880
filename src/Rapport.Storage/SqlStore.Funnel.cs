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
    /// Sets <c>first_touch_channel</c> (with <c>first_touch_at</c>, the first activity it was read at) for the
    /// workspace's members whose first activity moved since it was last read: the new members of an ingest commit, the
    /// members an earlier activity arrived for, and the survivors of merges. $1 is the workspace. One statement, run
    /// at the end of every ingest commit by both backends' sessions.
    /// </summary>
    internal static readonly string RefreshFirstTouchChannelsSql = FirstTouchChannelsSql("m.first_touch_at IS DISTINCT FROM m.first_activity_at");

    /// <summary>
    /// The member's first touch: the channel of an activity at its first instant (lower case; the alphabetically first
    /// when several activities at that instant name one), or null when none does.
    /// </summary>
    private protected static string FirstTouchChannelsSql(string which) =>
        $"""
        UPDATE members SET first_touch_at = f.first_activity_at, first_touch_channel = f.channel
        FROM (
          SELECT m.id, m.first_activity_at, min(lower(a.channel)) AS channel
          FROM members m
          LEFT JOIN identities i ON i.workspace_id = m.workspace_id AND i.member_id = m.id
          LEFT JOIN activities a ON a.workspace_id = i.workspace_id AND a.identity_id = i.id
            AND a.occurred_at = m.first_activity_at AND a.channel <> ''
          WHERE m.workspace_id = $1 AND {which}
          GROUP BY m.id, m.first_activity_at
        ) f
        WHERE members.workspace_id = $1 AND members.id = f.id
        """;
}

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
            // A member's first activity is the one at its first_activity_at: the semi-join keeps only that channel's
            // activities and matches them on the member's first instant, so no per-member minimum is computed.
            parameters.Add(filter.Channel.Trim().ToLowerInvariant());
            sql.Append(
                """
                 AND id IN (SELECT i.member_id FROM activities a
                   JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
                   JOIN members f ON f.workspace_id = i.workspace_id AND f.id = i.member_id AND f.first_activity_at = a.occurred_at
                   WHERE a.workspace_id = $1 AND lower(a.channel) = $
                """).Append(parameters.Count).Append(')');
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
            SELECT lower(a.channel) AS channel, count(DISTINCT m.id) AS developers FROM activities a
            JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            JOIN members m ON m.workspace_id = i.workspace_id AND m.id = i.member_id AND m.first_activity_at = a.occurred_at
            WHERE a.workspace_id = $1 AND a.channel IS NOT NULL AND a.channel <> ''
            GROUP BY lower(a.channel) ORDER BY developers DESC, channel LIMIT 100
            """, [workspace.Id], reader =>
            {
                var channels = new List<string>();
                while (reader.Read())
                {
                    channels.Add(reader.GetString(0));
                }

                return (IReadOnlyList<string>)channels;
            }, cancellationToken);
}

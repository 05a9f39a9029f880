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
    /// Reads the first touch of the members <paramref name="which"/> selects again from their activities: the channel
    /// of an activity at the first instant, in lower case, or null when none names one; of several, the first in byte
    /// order (<c>COLLATE "C"</c>, the same on both backends whatever the database's collation). Ingest keeps the first
    /// touch as it goes (<see cref="Core.Members.MemberProgress.FirstTouchChannel"/>); a merge or split by hand, which
    /// moves identities between stored members, reads it here.
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

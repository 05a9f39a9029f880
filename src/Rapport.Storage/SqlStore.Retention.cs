using System.Data.Common;
using Rapport.Core.Reach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Retention of raw page views, written once for both backends.</summary>
public abstract partial class SqlStore
{
    public async Task<PageViewPrune> PrunePageViewsAsync(Workspace workspace, DateTime olderThan, string actor, CancellationToken cancellationToken)
    {
        var items = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
        var viewId = JsonText("properties", "viewId");

        // A view is pruned whole, by when it began: its later engaged-time beacons go with its first one. A view whose
        // first beacon was lost counts nowhere (see ReadBeaconViewsAsync), so it is deleted without a total.
        var oldViews =
            $"""
            SELECT {viewId} FROM activities WHERE workspace_id = $1 AND source = '{PageBeaconSource}'
            GROUP BY {viewId} HAVING min(occurred_at) < $2
            """;
        return await ChangeUnderIngestLockAsync(workspace, identitiesChanged: false, async (writer, _) =>
        {
            var views = await writer.QueryAsync(
                $"""
                SELECT {viewId} AS view_id, min(occurred_at),
                       min(CASE WHEN type = 'page' THEN url END), min(CASE WHEN type = 'page' THEN user_agent END),
                       min(CASE WHEN type = 'page' THEN referrer END),
                       sum(CAST({JsonText("properties", "engagedSeconds")} AS FLOAT8))
                FROM activities
                WHERE workspace_id = $1 AND source = '{PageBeaconSource}'
                GROUP BY view_id
                HAVING min(occurred_at) < $2 AND min(CASE WHEN type = 'page' THEN url END) IS NOT NULL
                """,
                [workspace.Id, olderThan], ReadBeaconViews, cancellationToken).ConfigureAwait(false);
            var deleted = await writer.QueryAsync(
                $"SELECT count(*) FROM activities WHERE workspace_id = $1 AND source = '{PageBeaconSource}' AND {viewId} IN ({oldViews})",
                [workspace.Id, olderThan], reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
            if (deleted == 0)
            {
                return new PageViewPrune(olderThan, 0, 0, 0);
            }

            var now = Now();
            var totals = PageViewRollup.Of(views, items, EngagementThresholds.Default);
            foreach (var row in totals)
            {
                // A day the previous prune cut through gets the rest of its views added.
                await writer.ExecuteAsync(
                    """
                    INSERT INTO page_view_totals (workspace_id, url, day, views, human_views, organic_views, engaged_views, validated_views,
                                                  paid_engaged_views, pruned_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    ON CONFLICT (workspace_id, url, day) DO UPDATE SET
                      views = page_view_totals.views + excluded.views, human_views = page_view_totals.human_views + excluded.human_views,
                      organic_views = page_view_totals.organic_views + excluded.organic_views,
                      engaged_views = page_view_totals.engaged_views + excluded.engaged_views,
                      validated_views = page_view_totals.validated_views + excluded.validated_views,
                      paid_engaged_views = page_view_totals.paid_engaged_views + excluded.paid_engaged_views, pruned_at = excluded.pruned_at
                    """,
                    [workspace.Id, row.Url, row.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), row.Views, row.HumanViews, row.OrganicViews,
                        row.EngagedViews, row.ValidatedViews, row.PaidEngagedViews, now],
                    cancellationToken).ConfigureAwait(false);
            }

            await writer.ExecuteAsync(
                $"DELETE FROM activities WHERE workspace_id = $1 AND source = '{PageBeaconSource}' AND {viewId} IN ({oldViews})",
                [workspace.Id, olderThan], cancellationToken).ConfigureAwait(false);
            await writer.ExecuteAsync(AuditInsert,
                [workspace.Id, Guid.NewGuid(), now, actor, "page_views.pruned", $"before {olderThan:yyyy-MM-dd HH:mm} UTC",
                    $"{views.Count} views rolled up into {totals.Count} page-day totals, {deleted} raw rows deleted"],
                cancellationToken).ConfigureAwait(false);
            return new PageViewPrune(olderThan, views.Count, totals.Count, deleted);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<PageReachRow>> ListPageViewTotalsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<PageReachRow>>(
            """
            SELECT url, day, views, human_views, organic_views, engaged_views, validated_views, paid_engaged_views
            FROM page_view_totals WHERE workspace_id = $1 ORDER BY url, day
            """,
            [workspace.Id],
            reader =>
            {
                var rows = new List<PageReachRow>();
                while (reader.Read())
                {
                    rows.Add(new PageReachRow(reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1)), reader.GetInt64(2),
                        reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
                }

                return rows;
            }, cancellationToken);

    private const string PageBeaconSource = "t.js";

    /// <summary>Reads the rows of a beacon-view query: view id, first time, URL, user agent, referrer, engaged seconds.</summary>
    private static IReadOnlyList<BeaconView> ReadBeaconViews(DbDataReader reader)
    {
        var views = new List<BeaconView>();
        while (reader.Read())
        {
            views.Add(new BeaconView(reader.GetString(0), reader.GetString(2), ReadTime(reader, 1)!.Value, ReadText(reader, 3),
                ReadText(reader, 4), reader.IsDBNull(5) ? 0 : reader.GetDouble(5)));
        }

        return views;
    }
}

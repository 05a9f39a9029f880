using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Rapport.Core.Journey;
using Rapport.Core.Links;
using Rapport.Core.Members;
using Rapport.Core.Reach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Reach aggregates and tracked links, written once for both backends.</summary>
public abstract partial class SqlStore
{
    private const string SlugAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public Task ReplaceVideoReachAsync(Workspace workspace, IReadOnlyList<VideoReachRow> rows, CancellationToken cancellationToken)
    {
        var now = Now();
        var statements = new List<(string, object?[])>();
        foreach (var video in rows.Select(row => row.VideoId).Distinct(StringComparer.Ordinal))
        {
            statements.Add(("DELETE FROM video_reach WHERE workspace_id = $1 AND video_id = $2", [workspace.Id, video]));
        }

        // A source listed twice for one video (two exports pasted together) counts once: the later row wins.
        foreach (var row in rows.GroupBy(row => (row.VideoId, row.TrafficSource)).Select(group => group.Last()))
        {
            statements.Add((
                "INSERT INTO video_reach (workspace_id, video_id, traffic_source, title, views, watch_seconds, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                [workspace.Id, row.VideoId, row.TrafficSource, row.Title, row.Views, row.WatchSeconds, now]));
        }

        return ExecuteAsync(statements, cancellationToken);
    }

    public Task<IReadOnlyList<VideoReachRow>> ListVideoReachAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<VideoReachRow>>(
            "SELECT video_id, traffic_source, title, views, watch_seconds FROM video_reach WHERE workspace_id = $1 ORDER BY video_id, traffic_source",
            [workspace.Id],
            reader =>
            {
                var rows = new List<VideoReachRow>();
                while (reader.Read())
                {
                    rows.Add(new VideoReachRow(reader.GetString(0), reader.GetString(1), ReadText(reader, 2), reader.GetInt64(3), reader.GetInt64(4)));
                }

                return rows;
            }, cancellationToken);

    public Task ReplacePageReachAsync(Workspace workspace, string logKey, IReadOnlyList<PageReachRow> rows, CancellationToken cancellationToken)
    {
        var now = Now();
        var statements = new List<(string, object?[])> { ("DELETE FROM page_reach WHERE workspace_id = $1 AND log_key = $2", [workspace.Id, logKey]) };
        foreach (var row in rows)
        {
            statements.Add((
                """
                INSERT INTO page_reach (workspace_id, log_key, url, day, views, human_views, organic_views, engaged_views, validated_views,
                                        paid_engaged_views, imported_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """,
                [workspace.Id, logKey, row.Url, row.Day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), row.Views, row.HumanViews, row.OrganicViews,
                    row.EngagedViews, row.ValidatedViews, row.PaidEngagedViews, now]));
        }

        return ExecuteAsync(statements, cancellationToken);
    }

    public Task<IReadOnlyList<PageReachRow>> ListPageReachAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<PageReachRow>>(
            """
            SELECT url, day, CAST(sum(views) AS BIGINT), CAST(sum(human_views) AS BIGINT), CAST(sum(organic_views) AS BIGINT),
                   CAST(sum(engaged_views) AS BIGINT), CAST(sum(validated_views) AS BIGINT), CAST(sum(paid_engaged_views) AS BIGINT)
            FROM page_reach WHERE workspace_id = $1 GROUP BY url, day ORDER BY url, day
            """,
            [workspace.Id],
            reader =>
            {
                var rows = new List<PageReachRow>();
                while (reader.Read())
                {
                    rows.Add(new PageReachRow(reader.GetString(0), DateOnly.FromDateTime(reader.GetDateTime(1)), reader.GetInt64(2),
                        reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                        reader.GetInt64(6), reader.GetInt64(7)));
                }

                return rows;
            }, cancellationToken);

    public async Task<TrackedLink> CreateLinkAsync(
        Workspace workspace, string destination, long? contentId, string? channel, string? campaign, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(destination?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{destination}' is not an http or https address to link to");
        }

        if (contentId is { } id && await GetContentAsync(workspace, id, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new FormatException($"there is no content item {id} to place the link in");
        }

        for (var attempt = 1; ; attempt++)
        {
            var link = new TrackedLink(workspace.Id, NewSlug(), uri.AbsoluteUri, contentId,
                string.IsNullOrWhiteSpace(channel) ? null : channel.Trim().ToLowerInvariant(),
                string.IsNullOrWhiteSpace(campaign) ? null : campaign.Trim(), Now());
            if (await FindLinkAsync(link.Slug, cancellationToken).ConfigureAwait(false) is not null && attempt < 5)
            {
                continue;
            }

            try
            {
                await ExecuteAsync(
                    "INSERT INTO tracked_links (workspace_id, slug, destination, content_id, channel, campaign, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    [workspace.Id, link.Slug, link.Destination, link.ContentId, link.Channel, link.Campaign, link.CreatedAt], cancellationToken).ConfigureAwait(false);
                return link;
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < 5)
            {
                // The same slug was given out meanwhile in this workspace; draw another.
            }
        }
    }

    public Task<(Workspace Workspace, TrackedLink Link)?> FindLinkAsync(string slug, CancellationToken cancellationToken) =>
        QueryAsync<(Workspace, TrackedLink)?>(
            $"SELECT {LinkColumns}, w.slug, w.created_at FROM tracked_links l JOIN workspaces w ON w.id = l.workspace_id " +
            "WHERE l.slug = $1 ORDER BY l.workspace_id LIMIT 1",
            [slug],
            reader => reader.Read() ? (new Workspace(reader.GetInt32(0), reader.GetString(7), ReadTime(reader, 8)!.Value), ReadLink(reader)) : null,
            cancellationToken);

    public Task<IReadOnlyList<TrackedLink>> ListLinksAsync(Workspace workspace, CancellationToken cancellationToken) =>
        ReadLinksAsync("", [workspace.Id], "", cancellationToken);

    public async Task<KeysetPage<TrackedLink>> ListLinksAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        var (after, parameters) = page.After is { } key && KeyParts(key, 2) is var parts
            ? ($" AND {AfterKey("l.created_at", false, "l.slug", false, 2)}", new object?[] { workspace.Id, KeyTime(parts[0]), parts[1] })
            : ("", [workspace.Id]);
        var links = await ReadLinksAsync(after, parameters, $"LIMIT {FetchLimit(page)}", cancellationToken).ConfigureAwait(false);
        return CutPage(links, page, link => Key(link.CreatedAt, link.Slug));
    }

    /// <summary>Links in the one order of their list, oldest first, then by slug.</summary>
    private Task<IReadOnlyList<TrackedLink>> ReadLinksAsync(string filter, object?[] parameters, string limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<TrackedLink>>(
            $"SELECT {LinkColumns} FROM tracked_links l WHERE l.workspace_id = $1{filter} ORDER BY l.created_at, l.slug {limit}", parameters,
            reader =>
            {
                var links = new List<TrackedLink>();
                while (reader.Read())
                {
                    links.Add(ReadLink(reader));
                }

                return links;
            }, cancellationToken);

    public Task<ContentReachFacts> GetContentReachFactsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        GetContentReachFactsAsync(workspace, null, cancellationToken);

    public async Task<ContentReachFacts> GetContentReachFactsAsync(Workspace workspace, string? icp, CancellationToken cancellationToken)
    {
        var items = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
        var links = await ListLinksAsync(workspace, cancellationToken).ConfigureAwait(false);
        var videos = await ListVideoReachAsync(workspace, cancellationToken).ConfigureAwait(false);
        // Page views the retention period pruned count on as the totals they were rolled into.
        IReadOnlyList<PageReachRow> pages =
        [
            .. await ListPageReachAsync(workspace, cancellationToken).ConfigureAwait(false),
            .. await ListPageViewTotalsAsync(workspace, cancellationToken).ConfigureAwait(false),
        ];
        var clicks = await QueryAsync(
            "SELECT CAST(properties AS VARCHAR), occurred_at FROM activities WHERE workspace_id = $1 AND type = 'link.click' AND source = 'link'",
            [workspace.Id],
            reader =>
            {
                var list = new List<LinkClickFact>();
                while (reader.Read())
                {
                    if (ReadText(reader, 0) is { } json && ClickOf(json, ReadTime(reader, 1)!.Value) is { } click)
                    {
                        list.Add(click);
                    }
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        // Messages that carried a click id: in the landing page's URL, the campaign or the properties. The LIKE
        // conditions only narrow the scan; the id itself is read in C#. An ICP's members are derived ahead
        // (icp_members): the filter is one semi-join, and a tie left out leaves its developer out of every count.
        const string Id = LinkDestination.ClickIdParameter;
        var inIcp = icp is null ? "" : " AND i.member_id IN (SELECT member_id FROM icp_members WHERE workspace_id = $1 AND icp = $2)";
        var ties = await QueryAsync(
            "SELECT i.member_id, a.occurred_at, a.url, CAST(a.campaign AS VARCHAR), CAST(a.properties AS VARCHAR) " +
            "FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id " +
            $"WHERE a.workspace_id = $1 AND a.source <> 'link' AND (a.url LIKE '%{Id}=%' OR CAST(a.campaign AS VARCHAR) LIKE '%{Id}%' " +
            $"OR CAST(a.properties AS VARCHAR) LIKE '%{Id}%'){inIcp}",
            icp is null ? [workspace.Id] : [workspace.Id, icp],
            reader =>
            {
                var list = new List<ClickTie>();
                while (reader.Read())
                {
                    var clickId = LinkDestination.ClickIdIn(ReadText(reader, 2)) ?? JsonClickId(ReadText(reader, 3)) ?? JsonClickId(ReadText(reader, 4));
                    if (clickId is not null)
                    {
                        list.Add(new ClickTie(reader.GetInt64(0), clickId, ReadTime(reader, 1)!.Value));
                    }
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        var members = ties.Select(tie => tie.MemberId).Distinct().ToArray();
        var identified = new HashSet<long>();
        var progress = new Dictionary<long, MemberProgress>();
        for (var start = 0; start < members.Length; start += 1000)
        {
            var chunk = members[start..Math.Min(members.Length, start + 1000)];
            object?[] parameters = [workspace.Id, .. chunk.Cast<object?>()];
            await QueryAsync(
                "SELECT DISTINCT member_id FROM identities WHERE workspace_id = $1 AND kind NOT IN ('anonymous', 'click', 'bot') " +
                $"AND member_id IN ({Placeholders(2, chunk.Length)})",
                parameters,
                reader =>
                {
                    while (reader.Read())
                    {
                        identified.Add(reader.GetInt64(0));
                    }

                    return 0;
                }, cancellationToken).ConfigureAwait(false);
            await QueryAsync(
                "SELECT id, first_activity_at, last_activity_at, activity_count, discover_at, evaluate_at, learn_at, build_at, scale_at " +
                $"FROM members WHERE workspace_id = $1 AND id IN ({Placeholders(2, chunk.Length)})",
                parameters,
                reader =>
                {
                    while (reader.Read())
                    {
                        var stages = new DateTime?[JourneyStages.Count];
                        for (var i = 0; i < stages.Length; i++)
                        {
                            stages[i] = ReadTime(reader, 4 + i);
                        }

                        progress[reader.GetInt64(0)] = MemberProgress.FromStored(ReadTime(reader, 1), ReadTime(reader, 2), reader.GetInt64(3), stages);
                    }

                    return 0;
                }, cancellationToken).ConfigureAwait(false);
        }

        return new ContentReachFacts(items, links, videos, pages, clicks, ties, identified, progress)
        {
            Beacons = await ReadBeaconViewsAsync(workspace, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The first-party script's page views, one per view id: where and when its first beacon said, and the engaged
    /// seconds of all its beacons added up.
    /// </summary>
    private Task<IReadOnlyList<BeaconView>> ReadBeaconViewsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<BeaconView>>(
            $"""
            SELECT {JsonText("properties", "viewId")} AS view_id, min(occurred_at),
                   min(CASE WHEN type = 'page' THEN url END), min(CASE WHEN type = 'page' THEN user_agent END),
                   min(CASE WHEN type = 'page' THEN referrer END),
                   sum(CAST({JsonText("properties", "engagedSeconds")} AS FLOAT8))
            FROM activities
            WHERE workspace_id = $1 AND source = '{PageBeaconSource}'
            GROUP BY view_id
            HAVING min(CASE WHEN type = 'page' THEN url END) IS NOT NULL
            """,
            [workspace.Id], ReadBeaconViews, cancellationToken);

    private static LinkClickFact? ClickOf(string json, DateTime at)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("slug", out var slug) || !root.TryGetProperty("clickId", out var clickId))
        {
            return null;
        }

        var traffic = TrafficClass.None;
        if (root.TryGetProperty("traffic", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in names.EnumerateArray())
            {
                traffic |= name.GetString() switch
                {
                    "bot" => TrafficClass.Bot,
                    "paid" => TrafficClass.Paid,
                    "engaged" => TrafficClass.Engaged,
                    _ => TrafficClass.None,
                };
            }
        }

        return new LinkClickFact(slug.GetString()!, clickId.GetString()!, at, traffic);
    }

    /// <summary>The click id of a JSON object's <c>rclid</c> member (the campaign's or the properties'), or <c>null</c>.</summary>
    private static string? JsonClickId(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(LinkDestination.ClickIdParameter, out var value) && value.ValueKind == JsonValueKind.String
                && LinkDestination.IsClickId(value.GetString())
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private const string LinkColumns = "l.workspace_id, l.slug, l.destination, l.content_id, l.channel, l.campaign, l.created_at";

    private static TrackedLink ReadLink(DbDataReader reader) => new(
        reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), ReadText(reader, 4),
        ReadText(reader, 5), ReadTime(reader, 6)!.Value);

    /// <summary>Seven characters from an alphabet without look-alikes (no 0/o, 1/l): 34 bits, random.</summary>
    private static string NewSlug() => string.Create(7, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = SlugAlphabet[RandomNumberGenerator.GetInt32(SlugAlphabet.Length)];
        }
    });
}

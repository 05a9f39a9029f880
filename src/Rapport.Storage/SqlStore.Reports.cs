using System.Data.Common;
using System.Runtime.CompilerServices;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The journey map, the funnel, a developer by identity and the workspace's counts, read alike on every backend.</summary>
public abstract partial class SqlStore
{
    internal const string MemberProgressColumns =
        "first_activity_at, last_activity_at, activity_count, discover_at, evaluate_at, learn_at, build_at, scale_at";

    public async Task<JourneyMap> GetJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM journey_maps WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null,
            cancellationToken).ConfigureAwait(false);
        return json is null ? JourneyMap.Default : JourneyMap.Parse(json);
    }

    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken) =>
        GetFunnelAsync(workspace, new FunnelFilter(range), cancellationToken);

    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, string? icp, CancellationToken cancellationToken) =>
        GetFunnelAsync(workspace, new FunnelFilter(range, icp), cancellationToken);

    public Task<MemberProfile?> FindMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            var memberId = await QueryAsync(
                "SELECT member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
                [workspace.Id, identity.Kind, identity.Value],
                reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
                cancellationToken).ConfigureAwait(false);
            return memberId is { } id ? await ReadMemberAsync(workspace, id, cancellationToken).ConfigureAwait(false) : null;
        }, cancellationToken);

    public Task<WorkspaceStats> GetStatsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            object?[] ws = [workspace.Id];
            var developers = await QueryAsync("SELECT count(*) FROM members WHERE workspace_id = $1", ws,
                reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
            var identified = await QueryAsync(
                "SELECT count(DISTINCT member_id) FROM identities WHERE workspace_id = $1 AND kind <> 'anonymous'", ws,
                reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
            var identities = await QueryAsync(
                "SELECT kind, count(*) FROM identities WHERE workspace_id = $1 GROUP BY kind ORDER BY kind", ws,
                reader =>
                {
                    var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
                    while (reader.Read())
                    {
                        byKind[reader.GetString(0)] = reader.GetInt64(1);
                    }

                    return byKind;
                }, cancellationToken).ConfigureAwait(false);
            var (activities, first, last) = await QueryAsync(
                "SELECT count(*), min(occurred_at), max(occurred_at) FROM activities WHERE workspace_id = $1", ws,
                reader =>
                {
                    reader.Read();
                    return (reader.GetInt64(0), ReadTime(reader, 1), ReadTime(reader, 2));
                }, cancellationToken).ConfigureAwait(false);
            var top = await QueryAsync(
                "SELECT type, count(*) AS n FROM activities WHERE workspace_id = $1 GROUP BY type ORDER BY n DESC, type LIMIT 10", ws,
                reader =>
                {
                    var list = new List<ActivityTypeCount>();
                    while (reader.Read())
                    {
                        list.Add(new ActivityTypeCount(reader.GetString(0), reader.GetInt64(1)));
                    }

                    return list;
                }, cancellationToken).ConfigureAwait(false);
            return new WorkspaceStats(developers, identified, developers - identified, identities, activities, top, first, last);
        }, cancellationToken);

    public async IAsyncEnumerable<MemberProgress> ReadMemberProgressAsync(
        Workspace workspace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = await QueryAsync(
            $"SELECT {MemberProgressColumns} FROM members WHERE workspace_id = $1 ORDER BY id", [workspace.Id], reader =>
            {
                var list = new List<MemberProgress>();
                while (reader.Read())
                {
                    list.Add(ReadProgress(reader, 0));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        foreach (var progress in all)
        {
            yield return progress;
        }
    }

    /// <summary>A member's stored progress from <see cref="MemberProgressColumns"/> starting at <paramref name="first"/>.</summary>
    internal static MemberProgress ReadProgress(DbDataReader reader, int first)
    {
        Span<DateTime?> reached = new DateTime?[JourneyStages.Count];
        for (var i = 0; i < JourneyStages.Count; i++)
        {
            reached[i] = ReadTime(reader, first + 3 + i);
        }

        return MemberProgress.FromStored(ReadTime(reader, first), ReadTime(reader, first + 1), reader.GetInt64(first + 2), reached);
    }
}

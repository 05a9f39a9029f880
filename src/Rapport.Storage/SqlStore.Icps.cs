using System.Globalization;
using System.Text;
using System.Text.Json;
using Rapport.Core.Content;
using Rapport.Core.Icps;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// ICPs, written once for both backends. Rules are evaluated in Core (<see cref="IcpSet.Evaluate"/>) over facts read
/// here in a few set-wise queries; the membership is stored whole, so reports filter by an ICP with one join.
/// </summary>
public abstract partial class SqlStore
{
    /// <summary>Members written per statement when membership is stored: ids are inlined, the ICP is a parameter.</summary>
    private const int IcpMembersPerStatement = 5000;

    private readonly SemaphoreSlim _icpLock = new(1, 1);

    public Task<IcpSet> GetIcpsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM icp_definitions WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? IcpSet.Parse(reader.GetString(0)) : IcpSet.Empty, cancellationToken);

    public async Task<IcpRefresh> SetIcpsAsync(Workspace workspace, IcpSet icps, CancellationToken cancellationToken)
    {
        var now = Now();
        await ExecuteAsync(
        [
            ("DELETE FROM icp_definitions WHERE workspace_id = $1", [workspace.Id]),
            (
                "INSERT INTO icp_definitions (workspace_id, definition, updated_at) VALUES ($1, CAST($2 AS JSON), $3)",
                [workspace.Id, icps.ToJson(), now]),
        ], cancellationToken).ConfigureAwait(false);
        return await RefreshIcpsAsync(workspace, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IcpRefresh> RefreshIcpsAsync(Workspace workspace, DateTime asOf, CancellationToken cancellationToken)
    {
        asOf = DateTime.SpecifyKind(asOf, DateTimeKind.Utc);
        await _icpLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var icps = await GetIcpsAsync(workspace, cancellationToken).ConfigureAwait(false);
            var facts = await InSnapshotAsync(() => ReadIcpFactsAsync(workspace, icps, cancellationToken), cancellationToken).ConfigureAwait(false);
            var members = icps.Definitions.ToDictionary(icp => icp.Name, _ => new List<long>(), StringComparer.Ordinal);
            foreach (var member in facts)
            {
                foreach (var name in icps.Evaluate(member, asOf))
                {
                    members[name].Add(member.MemberId);
                }
            }

            var statements = new List<(string Sql, object?[] Parameters)> { ("DELETE FROM icp_members WHERE workspace_id = $1", [workspace.Id]) };
            foreach (var (name, ids) in members)
            {
                foreach (var chunk in ids.Chunk(IcpMembersPerStatement))
                {
                    var sql = new StringBuilder("INSERT INTO icp_members (workspace_id, icp, member_id) VALUES ");
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        sql.Append(i == 0 ? "($1, $2, " : ", ($1, $2, ").Append(chunk[i].ToString(CultureInfo.InvariantCulture)).Append(')');
                    }

                    statements.Add((sql.ToString(), [workspace.Id, name]));
                }
            }

            statements.Add((
                "UPDATE icp_definitions SET derived_as_of = $2, members_evaluated = $3 WHERE workspace_id = $1",
                [workspace.Id, asOf, (long)facts.Count]));
            await ExecuteBesideIngestAsync(statements, cancellationToken).ConfigureAwait(false);
            return new IcpRefresh(asOf, facts.Count, members.ToDictionary(pair => pair.Key, pair => (long)pair.Value.Count, StringComparer.Ordinal));
        }
        finally
        {
            _icpLock.Release();
        }
    }

    public async Task<IcpRefresh?> GetIcpRefreshAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var stored = await QueryAsync(
            "SELECT derived_as_of, members_evaluated FROM icp_definitions WHERE workspace_id = $1 AND derived_as_of IS NOT NULL", [workspace.Id],
            reader => reader.Read() ? (ReadTime(reader, 0)!.Value, reader.GetInt64(1)) : ((DateTime, long)?)null, cancellationToken).ConfigureAwait(false);
        if (stored is not { } found)
        {
            return null;
        }

        var counts = await QueryAsync(
            "SELECT icp, count(*) FROM icp_members WHERE workspace_id = $1 GROUP BY icp", [workspace.Id],
            reader =>
            {
                var map = new Dictionary<string, long>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    map[reader.GetString(0)] = reader.GetInt64(1);
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);
        var icps = await GetIcpsAsync(workspace, cancellationToken).ConfigureAwait(false);
        return new IcpRefresh(found.Item1, found.Item2, icps.Definitions.ToDictionary(
            icp => icp.Name, icp => counts.GetValueOrDefault(icp.Name), StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<long>> ListIcpMembersAsync(Workspace workspace, string icp, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<long>>(
            "SELECT member_id FROM icp_members WHERE workspace_id = $1 AND icp = $2 ORDER BY member_id", [workspace.Id, icp],
            reader =>
            {
                var ids = new List<long>();
                while (reader.Read())
                {
                    ids.Add(reader.GetInt64(0));
                }

                return ids;
            }, cancellationToken);

    public async Task<IReadOnlyList<IcpCoverage>> GetIcpCoverageAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var icps = await GetIcpsAsync(workspace, cancellationToken).ConfigureAwait(false);
        var stages = await QueryAsync(
            $"""
            SELECT im.icp, {StageExpression}, count(*) FROM icp_members im
            JOIN members m ON m.workspace_id = im.workspace_id AND m.id = im.member_id
            WHERE im.workspace_id = $1
            GROUP BY 1, 2
            """,
            [workspace.Id],
            reader =>
            {
                var rows = new List<(string Icp, int? Stage, long Count)>();
                while (reader.Read())
                {
                    rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt64(2)));
                }

                return rows;
            }, cancellationToken).ConfigureAwait(false);
        var content = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
        return
        [
            .. icps.Definitions.Select(icp =>
            {
                var own = stages.Where(row => row.Icp == icp.Name).ToList();
                return new IcpCoverage(
                    icp.Name,
                    icp.Description,
                    own.Sum(row => row.Count),
                    JourneyStages.All.ToDictionary(stage => stage, stage => own.Where(row => row.Stage == (int)stage).Sum(row => row.Count)),
                    own.Where(row => row.Stage is null).Sum(row => row.Count),
                    [.. content.Where(item => TaggedFor(item, icp.Name)).Select(item => new IcpContent(item.Id, item.Title, item.Kind))]);
            }),
        ];
    }

    public Task<IcpSummary> GetIcpSummaryAsync(Workspace workspace, CancellationToken cancellationToken) =>
        InSnapshotAsync(async () =>
        {
            var icps = await GetIcpsAsync(workspace, cancellationToken).ConfigureAwait(false);
            using var definition = JsonDocument.Parse(icps.ToJson());
            return new IcpSummary(
                definition.RootElement.Clone(),
                await GetIcpRefreshAsync(workspace, cancellationToken).ConfigureAwait(false),
                await GetIcpCoverageAsync(workspace, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    private static bool TaggedFor(ContentItem item, string icp) =>
        item.Tags.Any(tag => tag == icp || tag == "icp:" + icp);

    /// <summary>
    /// What the rules look at, for every member: the traits they name (and <c>company</c> and <c>email</c>, which say
    /// the organization), the organization's attributes, and the activity types the rules look for (only those).
    /// </summary>
    private async Task<IReadOnlyList<IcpMemberFacts>> ReadIcpFactsAsync(Workspace workspace, IcpSet icps, CancellationToken cancellationToken)
    {
        object?[] ws = [workspace.Id];
        var ids = await QueryAsync(
            "SELECT id FROM members WHERE workspace_id = $1 ORDER BY id", ws,
            reader =>
            {
                var list = new List<long>();
                while (reader.Read())
                {
                    list.Add(reader.GetInt64(0));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        if (icps.Definitions.Count == 0)
        {
            return [.. ids.Select(id => new IcpMemberFacts(id, EmptyFacts, null, EmptyFacts, EmptyActivities))];
        }

        var keys = icps.TraitKeys.Union(["company", "email"], StringComparer.Ordinal).ToList();
        var traits = new Dictionary<long, Dictionary<string, JsonElement>>();
        await QueryAsync(
            $"""
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND t.key IN ({Placeholders(2, keys.Count)})
            ORDER BY t.updated_at, t.identity_id
            """,
            [workspace.Id, .. keys],
            reader =>
            {
                while (reader.Read())
                {
                    // The latest update wins, whichever of the member's identities it came through.
                    using var value = JsonDocument.Parse(reader.GetString(2));
                    Get(traits, reader.GetInt64(0))[reader.GetString(1)] = value.RootElement.Clone();
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);

        var organizations = new Dictionary<long, string>();
        var attributes = new Dictionary<long, Dictionary<string, JsonElement>>();
        if (icps.UsesOrganizations)
        {
            await ReadOrganizationFactsAsync(workspace, ids, traits, organizations, attributes, cancellationToken).ConfigureAwait(false);
        }

        var activities = new Dictionary<long, Dictionary<string, ActivityPresence>>();
        var patterns = icps.ActivityPatterns;
        if (patterns.Count > 0)
        {
            var types = await QueryAsync(
                "SELECT DISTINCT type FROM activities WHERE workspace_id = $1", ws,
                reader =>
                {
                    var list = new List<string>();
                    while (reader.Read())
                    {
                        list.Add(reader.GetString(0));
                    }

                    return list;
                }, cancellationToken).ConfigureAwait(false);
            var wanted = types.Where(type => patterns.Any(pattern => pattern.Matches(type))).ToList();
            if (wanted.Count > 0)
            {
                await QueryAsync(
                    $"""
                    SELECT i.member_id, a.type, count(*), max(a.occurred_at) FROM activities a
                    JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
                    WHERE a.workspace_id = $1 AND a.type IN ({Placeholders(2, wanted.Count)})
                    GROUP BY i.member_id, a.type
                    """,
                    [workspace.Id, .. wanted],
                    reader =>
                    {
                        while (reader.Read())
                        {
                            if (!activities.TryGetValue(reader.GetInt64(0), out var own))
                            {
                                activities[reader.GetInt64(0)] = own = new Dictionary<string, ActivityPresence>(StringComparer.Ordinal);
                            }

                            own[reader.GetString(1)] = new ActivityPresence(reader.GetInt64(2), ReadTime(reader, 3)!.Value);
                        }

                        return 0;
                    }, cancellationToken).ConfigureAwait(false);
            }
        }

        return
        [
            .. ids.Select(id => new IcpMemberFacts(
                id,
                traits.TryGetValue(id, out var own) ? own : EmptyFacts,
                organizations.GetValueOrDefault(id),
                attributes.TryGetValue(id, out var organization) ? organization : EmptyFacts,
                activities.TryGetValue(id, out var presence) ? presence : EmptyActivities)),
        ];
    }

    /// <summary>
    /// Each member's organization (<see cref="Organizations.Of"/>) and its attributes: the traits of the latest
    /// Segment <c>group</c> call for the member's latest <c>groupId</c>, then <c>name</c> and <c>developers</c>.
    /// </summary>
    private async Task ReadOrganizationFactsAsync(
        Workspace workspace,
        IReadOnlyList<long> ids,
        Dictionary<long, Dictionary<string, JsonElement>> traits,
        Dictionary<long, string> organizations,
        Dictionary<long, Dictionary<string, JsonElement>> attributes,
        CancellationToken cancellationToken)
    {
        var emails = await QueryAsync(
            "SELECT member_id, value FROM identities WHERE workspace_id = $1 AND kind = 'email' ORDER BY id", [workspace.Id],
            reader =>
            {
                var map = new Dictionary<long, List<string?>>();
                while (reader.Read())
                {
                    Get(map, reader.GetInt64(0)).Add(reader.GetString(1));
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);
        var memberGroups = new Dictionary<long, string>();
        var groupTraits = new Dictionary<string, string>(StringComparer.Ordinal);
        await QueryAsync(
            """
            SELECT i.member_id, p.group_id, CAST(p.traits AS VARCHAR) FROM profile_updates p
            JOIN identities i ON i.workspace_id = p.workspace_id AND i.id = p.identity_id
            WHERE p.workspace_id = $1 AND p.type = 'group' AND p.group_id IS NOT NULL
            ORDER BY p.occurred_at, p.message_id
            """,
            [workspace.Id],
            reader =>
            {
                while (reader.Read())
                {
                    var group = reader.GetString(1);
                    memberGroups[reader.GetInt64(0)] = group;
                    if (ReadText(reader, 2) is { } json)
                    {
                        groupTraits[group] = json;
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);

        foreach (var id in ids)
        {
            var own = traits.GetValueOrDefault(id);
            var company = own is not null && own.TryGetValue("company", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var fromTraits = own is not null && own.TryGetValue("email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null;
            if (Organizations.Of(company, [fromTraits, .. emails.GetValueOrDefault(id) ?? []]) is { } organization)
            {
                organizations[id] = organization;
            }
        }

        var developers = organizations.Values.GroupBy(name => name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.LongCount(), StringComparer.OrdinalIgnoreCase);
        foreach (var id in ids)
        {
            var own = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (memberGroups.TryGetValue(id, out var group) && groupTraits.TryGetValue(group, out var json))
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        own[property.Name] = property.Value.Clone();
                    }
                }
            }

            if (organizations.TryGetValue(id, out var name))
            {
                own["name"] = JsonSerializer.SerializeToElement(name);
                own["developers"] = JsonSerializer.SerializeToElement(developers[name]);
            }

            if (own.Count > 0)
            {
                attributes[id] = own;
            }
        }
    }

    private static readonly Dictionary<string, JsonElement> EmptyFacts = [];

    private static readonly Dictionary<string, ActivityPresence> EmptyActivities = [];

    private static TValue Get<TValue>(Dictionary<long, TValue> map, long key)
        where TValue : new()
    {
        if (!map.TryGetValue(key, out var value))
        {
            map[key] = value = new TValue();
        }

        return value;
    }
}

using System.Data.Common;
using System.Text.Json;
using Rapport.Core;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Leads;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// DevRel-qualified leads. A refresh reads the developers who could count (those at the criteria's lowest stage or
/// beyond), lets <see cref="LeadQualifier"/> decide, and writes what changed with the <c>drql.created</c> events of
/// new leads in one transaction. Two refreshes at once cannot announce a lead twice: its event id comes from its key.
/// </summary>
public abstract partial class SqlStore
{
    private const string LeadColumns =
        "id, key, kind, name, reason, CAST(developers AS VARCHAR), developer_count, status, note, status_changed_by, status_changed_at, " +
        "first_qualified_at, lapsed_at";

    private static readonly string[] CandidateTraits = ["name", "firstName", "lastName", "first_name", "last_name", "company", "email"];

    public async Task<LeadCriteria> GetLeadCriteriaAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await QueryAsync(
            "SELECT CAST(definition AS VARCHAR) FROM lead_criteria WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null, cancellationToken).ConfigureAwait(false);
        return json is null ? LeadCriteria.Default : LeadCriteria.Parse(json);
    }

    public Task SetLeadCriteriaAsync(Workspace workspace, LeadCriteria criteria, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO lead_criteria (workspace_id, definition, updated_at) VALUES ($1, CAST($2 AS JSON), $3)
            ON CONFLICT (workspace_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [workspace.Id, criteria.ToJson(), Now()], cancellationToken);

    public async Task<LeadRefreshResult> RefreshLeadsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        // Another refresh may add the same new lead (or take the same number) between this one's read and its
        // write; the loser reads again and finds the lead known.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryRefreshLeadsAsync(workspace, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < 5)
            {
            }
        }
    }

    public async Task<IReadOnlyList<Lead>> ListLeadsAsync(Workspace workspace, LeadStatus? status, CancellationToken cancellationToken)
    {
        object?[] parameters = status is { } only ? [workspace.Id, LeadStatuses.Name(only)] : [workspace.Id];
        var leads = await QueryAsync(
            $"SELECT {LeadColumns} FROM leads WHERE workspace_id = $1 {(status is null ? "" : "AND status = $2")} ORDER BY id DESC",
            parameters, ReadLeads, cancellationToken).ConfigureAwait(false);
        return await WithHistoryAsync(workspace, leads, cancellationToken).ConfigureAwait(false);
    }

    public async Task<KeysetPage<Lead>> ListLeadsAsync(Workspace workspace, LeadStatus? status, KeysetRequest page, CancellationToken cancellationToken)
    {
        var args = new SqlArguments(workspace.Id);
        var where = status is { } only ? $" AND status = {args.Add(LeadStatuses.Name(only))}" : "";
        if (page.After is { } key)
        {
            where += $" AND id < {args.Add(KeyLong(KeyParts(key, 1)[0]))}";
        }

        var leads = await QueryAsync(
            $"SELECT {LeadColumns} FROM leads WHERE workspace_id = $1{where} ORDER BY id DESC LIMIT {FetchLimit(page)}",
            args.ToArray(), ReadLeads, cancellationToken).ConfigureAwait(false);
        var cut = CutPage(leads, page, lead => Key(lead.Id));
        return cut with { Items = await WithHistoryAsync(workspace, [.. cut.Items], cancellationToken).ConfigureAwait(false) };
    }

    public async Task<Lead?> GetLeadAsync(Workspace workspace, long leadId, CancellationToken cancellationToken)
    {
        var leads = await QueryAsync(
            $"SELECT {LeadColumns} FROM leads WHERE workspace_id = $1 AND id = $2", [workspace.Id, leadId], ReadLeads, cancellationToken)
            .ConfigureAwait(false);
        return leads.Count == 0 ? null : (await WithHistoryAsync(workspace, leads, cancellationToken).ConfigureAwait(false))[0];
    }

    public async Task<Lead?> UpdateLeadStatusAsync(
        Workspace workspace, long leadId, LeadStatus status, string? note, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changedBy);
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > 2000 })
        {
            throw new ArgumentException("a note has at most 2,000 characters", nameof(note));
        }

        if (await GetLeadAsync(workspace, leadId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var now = Now();
        var name = LeadStatuses.Name(status);
        await ExecuteAsync(
        [
            ("UPDATE leads SET status = $3, note = $4, status_changed_by = $5, status_changed_at = $6 WHERE workspace_id = $1 AND id = $2",
                [workspace.Id, leadId, name, text, changedBy.Trim(), now]),
            ("""
             INSERT INTO lead_status_changes (workspace_id, id, lead_id, status, note, changed_by, changed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             """,
                [workspace.Id, Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)), leadId, name, text, changedBy.Trim(), now]),
        ], cancellationToken).ConfigureAwait(false);
        return await GetLeadAsync(workspace, leadId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LeadRefreshResult> TryRefreshLeadsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var criteria = await GetLeadCriteriaAsync(workspace, cancellationToken).ConfigureAwait(false);
        var candidates = await ReadLeadCandidatesAsync(workspace, criteria.LowestStage, cancellationToken).ConfigureAwait(false);
        var now = Now();
        var qualified = LeadQualifier.Qualify(criteria, candidates, now);
        var known = (await QueryAsync($"SELECT {LeadColumns} FROM leads WHERE workspace_id = $1", [workspace.Id], ReadLeads, cancellationToken)
            .ConfigureAwait(false)).ToDictionary(lead => lead.Key, StringComparer.Ordinal);

        var statements = new List<(string Sql, object?[] Parameters)>();
        var created = new List<Lead>();
        var nextId = known.Count == 0 ? 1 : known.Values.Max(lead => lead.Id) + 1;
        foreach (var lead in qualified)
        {
            var developers = JsonSerializer.Serialize(lead.Developers, RapportJson.Options);
            if (!known.TryGetValue(lead.Key, out var stored))
            {
                created.Add(new Lead(
                    nextId++, lead.Key, lead.Kind, lead.Name, lead.Reason, lead.Developers, lead.DeveloperCount, LeadStatus.New, null, null, null, now, null, []));
            }
            else if (stored.LapsedAt is not null || stored.Name != lead.Name || stored.Reason != lead.Reason || stored.DeveloperCount != lead.DeveloperCount
                     || JsonSerializer.Serialize(stored.Developers, RapportJson.Options) != developers)
            {
                // A lead that qualifies again is the same lead: its status and first qualification stay.
                statements.Add((
                    """
                    UPDATE leads SET name = $3, reason = $4, developers = CAST($5 AS JSON), developer_count = $6, lapsed_at = NULL, updated_at = $7
                    WHERE workspace_id = $1 AND id = $2
                    """,
                    [workspace.Id, stored.Id, lead.Name, lead.Reason, developers, (long)lead.DeveloperCount, now]));
            }
        }

        // New leads go in a few hundred to a statement: a refresh that finds thousands must not take minutes.
        foreach (var chunk in created.Chunk(RowsPerStatement))
        {
            var rows = new List<string>(chunk.Length);
            var parameters = new List<object?> { workspace.Id, LeadStatuses.Name(LeadStatus.New), now };
            foreach (var lead in chunk)
            {
                var p = parameters.Count + 1;
                rows.Add($"($1, ${p}, ${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, CAST(${p + 5} AS JSON), ${p + 6}, $2, $3, $3)");
                parameters.AddRange(
                [
                    lead.Id, lead.Key, KindName(lead.Kind), lead.Name, lead.Reason, JsonSerializer.Serialize(lead.Developers, RapportJson.Options),
                    (long)lead.DeveloperCount,
                ]);
            }

            statements.Add((
                $"""
                 INSERT INTO leads (workspace_id, id, key, kind, name, reason, developers, developer_count, status, first_qualified_at, updated_at)
                 VALUES {string.Join(", ", rows)}
                 """,
                [.. parameters]));
        }

        var qualifying = qualified.Select(lead => lead.Key).ToHashSet(StringComparer.Ordinal);
        var lapsed = known.Values.Where(lead => lead.LapsedAt is null && !qualifying.Contains(lead.Key)).ToList();
        foreach (var chunk in lapsed.Chunk(RowsPerStatement))
        {
            statements.Add((
                $"UPDATE leads SET lapsed_at = $2, updated_at = $2 WHERE workspace_id = $1 AND id IN ({Placeholders(3, chunk.Length)})",
                [workspace.Id, now, .. chunk.Select(lead => (object?)lead.Id)]));
        }

        statements.AddRange(WebhookEventStatements(workspace, [.. created.Select(LeadEvents.Created)]));
        if (statements.Count > 0)
        {
            await ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
        }

        return new LeadRefreshResult(qualified.Count, created, lapsed.Count);
    }

    /// <summary>Every developer at <paramref name="lowest"/> or a later stage, with what names them and their organization.</summary>
    private async Task<List<LeadCandidate>> ReadLeadCandidatesAsync(Workspace workspace, JourneyStage lowest, CancellationToken cancellationToken)
    {
        var reached = $"m.{JourneyStages.Name(lowest)}_at IS NOT NULL";
        var members = await QueryAsync(
            $"SELECT m.id, {StageExpression}, m.last_activity_at FROM members m WHERE m.workspace_id = $1 AND {reached}",
            [workspace.Id],
            reader =>
            {
                var byId = new Dictionary<long, (JourneyStage Stage, DateTime? LastActivity)>();
                while (reader.Read())
                {
                    byId[reader.GetInt64(0)] = ((JourneyStage)reader.GetInt32(1), ReadTime(reader, 2));
                }

                return byId;
            }, cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return [];
        }

        // Later trait updates win, as on the member page.
        var traits = await QueryAsync(
            $"""
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            JOIN members m ON m.workspace_id = i.workspace_id AND m.id = i.member_id
            WHERE t.workspace_id = $1 AND {reached} AND t.key IN ({string.Join(", ", CandidateTraits.Select(key => $"'{key}'"))})
            ORDER BY t.updated_at
            """,
            [workspace.Id],
            reader =>
            {
                var byMember = new Dictionary<long, Dictionary<string, JsonElement>>();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    if (!byMember.TryGetValue(id, out var map))
                    {
                        byMember[id] = map = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    }

                    using var value = JsonDocument.Parse(reader.GetString(2));
                    map[reader.GetString(1)] = value.RootElement.Clone();
                }

                return byMember;
            }, cancellationToken).ConfigureAwait(false);

        var identities = await QueryAsync(
            $"""
            SELECT i.member_id, i.kind, i.value FROM identities i
            JOIN members m ON m.workspace_id = i.workspace_id AND m.id = i.member_id
            WHERE i.workspace_id = $1 AND {reached}
            ORDER BY i.id
            """,
            [workspace.Id],
            reader =>
            {
                var byMember = new Dictionary<long, List<Identity>>();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    if (!byMember.TryGetValue(id, out var list))
                    {
                        byMember[id] = list = [];
                    }

                    if (Identity.TryCreate(reader.GetString(1), reader.GetString(2), out var identity, out _))
                    {
                        list.Add(identity);
                    }
                }

                return byMember;
            }, cancellationToken).ConfigureAwait(false);

        var candidates = new List<LeadCandidate>(members.Count);
        foreach (var (id, (stage, lastActivity)) in members)
        {
            var memberTraits = traits.GetValueOrDefault(id) ?? [];
            var memberIdentities = identities.GetValueOrDefault(id) ?? [];
            if (memberIdentities.Count == 0)
            {
                continue;
            }

            IEnumerable<string> emails = [.. Text(memberTraits, "email") is { } email ? [email] : Array.Empty<string>(),
                .. memberIdentities.Where(identity => identity.Kind == IdentityKinds.Email).Select(identity => identity.Value)];
            candidates.Add(new LeadCandidate(
                id, $"{memberIdentities[0].Kind}:{memberIdentities[0].Value}", MemberDisplayName.FromTraits(memberTraits), BestIdentity(memberIdentities),
                DeveloperOrganization.Of(Text(memberTraits, "company"), emails), stage, lastActivity));
        }

        return candidates;
    }

    private async Task<IReadOnlyList<Lead>> WithHistoryAsync(Workspace workspace, List<Lead> leads, CancellationToken cancellationToken)
    {
        if (leads.Count == 0)
        {
            return leads;
        }

        var ids = leads.Select(lead => lead.Id).ToArray();
        var history = await QueryAsync(
            $"""
            SELECT lead_id, status, note, changed_by, changed_at FROM lead_status_changes
            WHERE workspace_id = $1 AND lead_id IN ({Placeholders(2, ids.Length)})
            ORDER BY changed_at, id
            """,
            [workspace.Id, .. ids.Cast<object?>()],
            reader =>
            {
                var byLead = new Dictionary<long, List<LeadStatusChange>>();
                while (reader.Read())
                {
                    var id = reader.GetInt64(0);
                    if (!byLead.TryGetValue(id, out var list))
                    {
                        byLead[id] = list = [];
                    }

                    list.Add(new LeadStatusChange(LeadStatuses.Parse(reader.GetString(1)), ReadText(reader, 2), reader.GetString(3), ReadTime(reader, 4)!.Value));
                }

                return byLead;
            }, cancellationToken).ConfigureAwait(false);
        return [.. leads.Select(lead => history.TryGetValue(lead.Id, out var changes) ? lead with { History = changes } : lead)];
    }

    private static List<Lead> ReadLeads(DbDataReader reader)
    {
        var leads = new List<Lead>();
        while (reader.Read())
        {
            leads.Add(new Lead(
                reader.GetInt64(0), reader.GetString(1), ParseKind(reader.GetString(2)), reader.GetString(3), reader.GetString(4),
                JsonSerializer.Deserialize<List<LeadDeveloper>>(reader.GetString(5), RapportJson.Options) ?? [], (int)reader.GetInt64(6),
                LeadStatuses.Parse(reader.GetString(7)), ReadText(reader, 8), ReadText(reader, 9), ReadTime(reader, 10), ReadTime(reader, 11)!.Value,
                ReadTime(reader, 12), []));
        }

        return leads;
    }

    private static string KindName(LeadKind kind) => kind == LeadKind.Organization ? "organization" : "developer";

    private static LeadKind ParseKind(string kind) => kind == "organization" ? LeadKind.Organization : LeadKind.Developer;
}

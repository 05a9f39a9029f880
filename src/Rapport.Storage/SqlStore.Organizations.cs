using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    public async Task<IReadOnlyList<OrganizationSummary>> ListOrganizationsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        object?[] ws = [workspace.Id];
        var members = await QueryAsync(
            $"SELECT m.id, {StageExpression}, m.first_activity_at FROM members m WHERE m.workspace_id = $1", ws,
            reader =>
            {
                var map = new Dictionary<long, (JourneyStage? Stage, DateTime? First)>();
                while (reader.Read())
                {
                    map[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : (JourneyStage)reader.GetInt32(1), ReadTime(reader, 2));
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);
        var companies = new Dictionary<long, string>();
        var emails = new Dictionary<long, List<string>>();
        void AddEmail(long memberId, string email, bool first)
        {
            if (!emails.TryGetValue(memberId, out var list))
            {
                emails[memberId] = list = [];
            }

            if (first)
            {
                list.Insert(0, email);
            }
            else
            {
                list.Add(email);
            }
        }

        await QueryAsync(
            """
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND t.key IN ('company', 'email')
            ORDER BY t.updated_at
            """,
            ws,
            reader =>
            {
                while (reader.Read())
                {
                    using var value = JsonDocument.Parse(reader.GetString(2));
                    if (value.RootElement.ValueKind != JsonValueKind.String || value.RootElement.GetString() is not { Length: > 0 } text)
                    {
                        continue;
                    }

                    if (reader.GetString(1) == "company")
                    {
                        companies[reader.GetInt64(0)] = text;
                    }
                    else
                    {
                        AddEmail(reader.GetInt64(0), text, first: true);
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        await QueryAsync(
            "SELECT member_id, value FROM identities WHERE workspace_id = $1 AND kind = 'email' ORDER BY id", ws,
            reader =>
            {
                while (reader.Read())
                {
                    AddEmail(reader.GetInt64(0), reader.GetString(1), first: false);
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);

        return OrganizationList.Build(members.Select(member => new OrganizationDeveloper(
            companies.GetValueOrDefault(member.Key), emails.GetValueOrDefault(member.Key) ?? [], member.Value.Stage, member.Value.First)));
    }

    public async Task<IReadOnlyList<MemberRecord>> ReadMemberRecordsAsync(Workspace workspace, long afterId, int limit, CancellationToken cancellationToken)
    {
        var members = await QueryAsync(
            $"SELECT m.id, {StageExpression} FROM members m WHERE m.workspace_id = $1 AND m.id > $2 ORDER BY m.id LIMIT {Math.Clamp(limit, 1, 10_000)}",
            [workspace.Id, afterId],
            reader =>
            {
                var list = new List<(long Id, JourneyStage? Stage)>();
                while (reader.Read())
                {
                    list.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : (JourneyStage)reader.GetInt32(1)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return [];
        }

        object?[] range = [workspace.Id, members[0].Id, members[^1].Id];
        var identities = members.ToDictionary(member => member.Id, _ => new List<Identity>());
        var traits = members.ToDictionary(member => member.Id, _ => new SortedDictionary<string, JsonElement>(StringComparer.Ordinal));
        var tags = members.ToDictionary(member => member.Id, _ => new List<string>());
        await QueryAsync(
            "SELECT member_id, kind, value FROM identities WHERE workspace_id = $1 AND member_id BETWEEN $2 AND $3 ORDER BY id", range,
            reader =>
            {
                while (reader.Read())
                {
                    if (identities.TryGetValue(reader.GetInt64(0), out var list) && Identity.TryCreate(reader.GetString(1), reader.GetString(2), out var identity, out _))
                    {
                        list.Add(identity);
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        await QueryAsync(
            """
            SELECT i.member_id, t.key, CAST(t.value AS VARCHAR) FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND i.member_id BETWEEN $2 AND $3
            ORDER BY t.updated_at, t.key
            """,
            range,
            reader =>
            {
                while (reader.Read())
                {
                    if (traits.TryGetValue(reader.GetInt64(0), out var map))
                    {
                        using var value = JsonDocument.Parse(reader.GetString(2));
                        map[reader.GetString(1)] = value.RootElement.Clone();
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        await QueryAsync(
            """
            SELECT DISTINCT i.member_id, g.tag FROM member_tags g
            JOIN identities i ON i.workspace_id = g.workspace_id AND i.id = g.identity_id
            WHERE g.workspace_id = $1 AND i.member_id BETWEEN $2 AND $3
            ORDER BY g.tag
            """,
            range,
            reader =>
            {
                while (reader.Read())
                {
                    if (tags.TryGetValue(reader.GetInt64(0), out var list))
                    {
                        list.Add(reader.GetString(1));
                    }
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);

        return [.. members.Select(member =>
        {
            var own = traits[member.Id];
            var organization = Organizations.Of(Text(own, "company"), OrganizationEmails(own, identities[member.Id]));
            return new MemberRecord(member.Id, identities[member.Id], own, tags[member.Id], organization, member.Stage);
        })];
    }

    public Task<IReadOnlyList<string>> ListTraitKeysAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<string>>(
            "SELECT DISTINCT key FROM traits WHERE workspace_id = $1", [workspace.Id],
            reader =>
            {
                var keys = new List<string>();
                while (reader.Read())
                {
                    keys.Add(reader.GetString(0));
                }

                return [.. keys.Order(StringComparer.Ordinal)];
            }, cancellationToken);

    /// <summary>The addresses that may name a developer's organization: the email trait first, then email identities, oldest first.</summary>
    private static IEnumerable<string?> OrganizationEmails(IReadOnlyDictionary<string, JsonElement> traits, IEnumerable<Identity> identities)
    {
        if (traits.TryGetValue("email", out var email) && email.ValueKind == JsonValueKind.String)
        {
            yield return email.GetString();
        }

        foreach (var identity in identities)
        {
            if (identity.Kind == IdentityKinds.Email)
            {
                yield return identity.Value;
            }
        }
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> traits, string key) =>
        traits.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}

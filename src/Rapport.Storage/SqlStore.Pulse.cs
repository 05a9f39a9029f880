using System.Globalization;
using Rapport.Core.Community;
using Rapport.Core.Pulse;
using Rapport.Core.Webhooks;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

public abstract partial class SqlStore
{
    public async Task<CommunityPulse> GetCommunityPulseAsync(Workspace workspace, DateTime asOf, PulseRules rules, CancellationToken cancellationToken)
    {
        rules.Validate();
        var start = CommunityPulse.Start(asOf, rules);
        var memberWeeks = await QueryAsync(
            $"""
            SELECT i.member_id, {WeekStart("a.occurred_at")}, count(*), max(a.occurred_at)
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND a.occurred_at >= $2 AND a.occurred_at <= $3 AND {NotBot("a.properties")}
            GROUP BY 1, 2
            """,
            [workspace.Id, start, asOf],
            reader =>
            {
                var list = new List<PulseMemberWeek>();
                while (reader.Read())
                {
                    list.Add(new PulseMemberWeek(reader.GetInt64(0), DateOnly.FromDateTime(ReadTime(reader, 1)!.Value), (int)reader.GetInt64(2), ReadTime(reader, 3)!.Value));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var firstActivities = await QueryAsync(
            "SELECT id, first_activity_at FROM members WHERE workspace_id = $1 AND first_activity_at >= $2 AND first_activity_at <= $3",
            [workspace.Id, start, asOf],
            reader =>
            {
                var map = new Dictionary<long, DateTime>();
                while (reader.Read())
                {
                    map[reader.GetInt64(0)] = ReadTime(reader, 1)!.Value;
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);
        var team = await MemberIdsAsync(
            "SELECT DISTINCT i.member_id FROM member_tags g JOIN identities i ON i.workspace_id = g.workspace_id AND i.id = g.identity_id " +
            "WHERE g.workspace_id = $1 AND g.tag = $2",
            [workspace.Id, NormaliseTag(rules.TeamTag)], cancellationToken).ConfigureAwait(false);
        var heroes = await MemberIdsAsync(
            "SELECT member_id FROM member_levels WHERE workspace_id = $1 AND level = $2 " +
            "AND refresh_id = (SELECT max(id) FROM community_refreshes WHERE workspace_id = $1)",
            [workspace.Id, (int)CommunityLevel.Hero], cancellationToken).ConfigureAwait(false);
        var lastTeamActivity = team.Count == 0 ? null : await QueryAsync(
            """
            SELECT max(a.occurred_at) FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND a.occurred_at <= $2 AND i.member_id IN (
              SELECT ti.member_id FROM member_tags g JOIN identities ti ON ti.workspace_id = g.workspace_id AND ti.id = g.identity_id
              WHERE g.workspace_id = $1 AND g.tag = $3)
            """,
            [workspace.Id, asOf, NormaliseTag(rules.TeamTag)], reader => reader.Read() ? ReadTime(reader, 0) : null, cancellationToken).ConfigureAwait(false);
        var questions = (await ListQuestionsAsync(workspace, withText: false, cancellationToken).ConfigureAwait(false))
            .Where(question => question.AskedAt >= start && question.AskedAt <= asOf).ToList();
        return CommunityPulse.Compute(asOf, rules, new PulseInputs(memberWeeks, firstActivities, team, heroes, questions, lastTeamActivity));
    }

    public async Task<(CommunityPulse Pulse, int Announced)> CheckCommunityPulseAsync(
        Workspace workspace, DateTime asOf, PulseRules rules, CancellationToken cancellationToken)
    {
        var pulse = await GetCommunityPulseAsync(workspace, asOf, rules, cancellationToken).ConfigureAwait(false);
        var subscriptions = await ListWebhookSubscriptionsAsync(workspace, cancellationToken).ConfigureAwait(false);
        if (pulse.Lapses.Count == 0 || !subscriptions.Any(subscription => subscription.Wants(WebhookEventNames.CommunityPulseLapsed)))
        {
            return (pulse, 0);
        }

        var events = pulse.Lapses
            .Select(lapse => WebhookEvent.Create(
                WebhookEventNames.CommunityPulseLapsed,
                new { lapse.Kind, lapse.Since, lapse.Detail, pulse.LastTeamActivityAt },
                asOf,
                $"Community pulse: {lapse.Detail}",
                idempotencyKey: $"{workspace.Id}:{lapse.Kind}:{lapse.Since.ToString("O", CultureInfo.InvariantCulture)}"))
            .ToList();
        var before = await CountWebhookEventsAsync(workspace, cancellationToken).ConfigureAwait(false);
        await AddWebhookEventsAsync(workspace, events, cancellationToken).ConfigureAwait(false);
        return (pulse, (int)(await CountWebhookEventsAsync(workspace, cancellationToken).ConfigureAwait(false) - before));
    }

    private Task<long> CountWebhookEventsAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT count(*) FROM webhook_events WHERE workspace_id = $1 AND name = $2", [workspace.Id, WebhookEventNames.CommunityPulseLapsed],
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken);

    private Task<HashSet<long>> MemberIdsAsync(string sql, object?[] parameters, CancellationToken cancellationToken) =>
        QueryAsync(sql, parameters, reader =>
        {
            var set = new HashSet<long>();
            while (reader.Read())
            {
                set.Add(reader.GetInt64(0));
            }

            return set;
        }, cancellationToken);
}

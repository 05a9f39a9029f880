using System.Globalization;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;
using Rapport.Core.Webhooks;

namespace Rapport.Core.Community;

/// <summary>
/// What a community refresh announces to outbound webhooks: <c>member.stalled</c>, <c>member.level_changed</c> and
/// <c>outreach.created</c>, one event per change. Each event's id comes from what happened (the member, the episode,
/// the task), so a refresh that is retried or runs twice announces nothing twice.
/// </summary>
public static class CommunityEvents
{
    public static IReadOnlyList<WebhookEvent> From(CommunityRefresh refresh)
    {
        var events = new List<WebhookEvent>(refresh.LevelChanges.Count + refresh.BecameStalled.Count + refresh.TasksCreated.Count);
        foreach (var change in refresh.LevelChanges)
        {
            var (from, to) = (CommunityLevels.Name(change.From), CommunityLevels.Name(change.To));
            events.Add(WebhookEvent.Create(WebhookEventNames.MemberLevelChanged,
                new { change.MemberId, From = from, To = to, refresh.AsOf }, refresh.AsOf,
                $"Developer #{change.MemberId} moved from {from} to {to}.",
                idempotencyKey: $"{change.MemberId}:{to}:{Stamp(refresh.AsOf)}"));
        }

        foreach (var stalled in refresh.BecameStalled)
        {
            var stage = JourneyStages.Name(stalled.Stage);
            events.Add(WebhookEvent.Create(WebhookEventNames.MemberStalled,
                new { stalled.MemberId, Stage = stage, stalled.Since }, refresh.AsOf,
                $"Developer #{stalled.MemberId} has gone quiet at {stage} since {stalled.Since:yyyy-MM-dd}: are they stuck?",
                idempotencyKey: $"{stalled.MemberId}:{Stamp(stalled.Since)}"));
        }

        foreach (var task in refresh.TasksCreated)
        {
            var reason = OutreachReasons.Name(task.Reason);
            events.Add(WebhookEvent.Create(WebhookEventNames.OutreachCreated,
                new { TaskId = task.Id, task.MemberId, Reason = reason }, refresh.AsOf,
                $"New outreach task #{task.Id} ({reason.Replace('_', ' ')}) for developer #{task.MemberId}.",
                idempotencyKey: task.Id.ToString(CultureInfo.InvariantCulture)));
        }

        return events;
    }

    private static string Stamp(DateTime time) => time.ToString("O", CultureInfo.InvariantCulture);
}

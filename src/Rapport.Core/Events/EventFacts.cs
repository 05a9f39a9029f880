using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Core.Events;

/// <summary>
/// What the activities say about one event, counted in developers (docs/events.md): who registered and came, who is
/// known from anything else, who was active after, who moved on to a later journey stage within 30 and 90 days of
/// the start — and the same rates for two baselines: the attendees themselves in the 30 and 90 days before, and the
/// developers who did not attend, stage by stage. Stores count these in SQL; <see cref="Reference"/> counts them
/// from the definitions.
/// </summary>
/// <param name="Identified">Attendees with any activity other than this event's records: developers Rapport can follow.</param>
/// <param name="ActiveWithin30Days">Attendees with an activity other than this event's records in the 30 days from its start.</param>
/// <param name="AttendeesAtStage">Attendees per stage held at the start (one not seen before counts at Discover).</param>
/// <param name="PeersAtStage">Developers who did not attend, per stage held at the start (those not yet seen are left out).</param>
public sealed record EventFacts(
    long EventId,
    long Registered,
    long Attended,
    long Identified,
    long ActiveWithin30Days,
    long ProgressedWithin30Days,
    long ProgressedWithin90Days,
    long ProgressedBefore30Days,
    long ProgressedBefore90Days,
    IReadOnlyList<long> AttendeesAtStage,
    IReadOnlyList<long> PeersAtStage,
    IReadOnlyList<long> PeersProgressedWithin30Days,
    IReadOnlyList<long> PeersProgressedWithin90Days)
{
    public static EventFacts Empty(long eventId) => new(eventId, 0, 0, 0, 0, 0, 0, 0, 0, Zeros(), Zeros(), Zeros(), Zeros());

    public bool Equals(EventFacts? other) =>
        other is not null && EventId == other.EventId && Registered == other.Registered && Attended == other.Attended
        && Identified == other.Identified && ActiveWithin30Days == other.ActiveWithin30Days
        && ProgressedWithin30Days == other.ProgressedWithin30Days && ProgressedWithin90Days == other.ProgressedWithin90Days
        && ProgressedBefore30Days == other.ProgressedBefore30Days && ProgressedBefore90Days == other.ProgressedBefore90Days
        && AttendeesAtStage.SequenceEqual(other.AttendeesAtStage) && PeersAtStage.SequenceEqual(other.PeersAtStage)
        && PeersProgressedWithin30Days.SequenceEqual(other.PeersProgressedWithin30Days)
        && PeersProgressedWithin90Days.SequenceEqual(other.PeersProgressedWithin90Days);

    public override int GetHashCode() => HashCode.Combine(EventId, Registered, Attended, Identified, ProgressedWithin90Days);

    public override string ToString() =>
        $"event {EventId}: registered {Registered}, attended {Attended}, identified {Identified}, active {ActiveWithin30Days}, " +
        $"progressed {ProgressedWithin30Days}/{ProgressedWithin90Days}, before {ProgressedBefore30Days}/{ProgressedBefore90Days}, " +
        $"at stage [{string.Join(' ', AttendeesAtStage)}], peers [{string.Join(' ', PeersAtStage)}] " +
        $"[{string.Join(' ', PeersProgressedWithin30Days)}] [{string.Join(' ', PeersProgressedWithin90Days)}]";

    /// <summary>
    /// The reference computation, straight from the definitions, over every activity of the workspace (with the
    /// member that did it) and the journey map. Stores compute the same in SQL; tests hold the two to each other.
    /// </summary>
    public static IReadOnlyList<EventFacts> Reference(IEnumerable<DevRelEvent> events, IReadOnlyList<EventActivityRecord> activities, JourneyMap map)
    {
        var progress = new Dictionary<long, MemberProgress>();
        foreach (var activity in activities)
        {
            ref var member = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(progress, activity.MemberId, out _);
            member.Include(activity.OccurredAt, map.StageOf(activity.Type));
        }

        var byMember = activities.ToLookup(activity => activity.MemberId);
        var result = new List<EventFacts>();
        foreach (var devRelEvent in events)
        {
            var prefix = EventActivities.Prefix(devRelEvent.Id);
            var own = activities.Where(activity => activity.MessageId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            var registered = own.Where(activity => activity.Type == EventActivities.Registered).Select(activity => activity.MemberId).ToHashSet();
            var attended = own.Where(activity => activity.Type == EventActivities.Attended).Select(activity => activity.MemberId).ToHashSet();
            var start = devRelEvent.Start;
            var (shortEnd, longEnd) = (start.AddDays(EventWindows.ShortDays), start.AddDays(EventWindows.LongDays));
            long identified = 0, active = 0, progressed30 = 0, progressed90 = 0, before30 = 0, before90 = 0;
            var atStage = Zeros();
            foreach (var member in attended)
            {
                var others = byMember[member].Where(activity => !activity.MessageId.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                identified += others.Count > 0 ? 1 : 0;
                active += others.Any(activity => activity.OccurredAt > start && activity.OccurredAt <= shortEnd) ? 1 : 0;
                var stages = progress[member];
                var stage = EventWindows.StageAt(stages, start);
                atStage[Math.Max(stage, 0)]++;
                progressed30 += EventWindows.MovedOn(stages, stage, start, shortEnd) ? 1 : 0;
                progressed90 += EventWindows.MovedOn(stages, stage, start, longEnd) ? 1 : 0;
                var earlier30 = start.AddDays(-EventWindows.ShortDays);
                var earlier90 = start.AddDays(-EventWindows.LongDays);
                before30 += EventWindows.MovedOn(stages, EventWindows.StageAt(stages, earlier30), earlier30, start) ? 1 : 0;
                before90 += EventWindows.MovedOn(stages, EventWindows.StageAt(stages, earlier90), earlier90, start) ? 1 : 0;
            }

            var (peers, peers30, peers90) = (Zeros(), Zeros(), Zeros());
            foreach (var (member, stages) in progress)
            {
                var stage = EventWindows.StageAt(stages, start);
                if (attended.Contains(member) || stage < 0)
                {
                    continue;
                }

                peers[stage]++;
                peers30[stage] += EventWindows.MovedOn(stages, stage, start, shortEnd) ? 1 : 0;
                peers90[stage] += EventWindows.MovedOn(stages, stage, start, longEnd) ? 1 : 0;
            }

            result.Add(new EventFacts(
                devRelEvent.Id, registered.Count, attended.Count, identified, active, progressed30, progressed90, before30, before90,
                atStage, peers, peers30, peers90));
        }

        return result;
    }

    private static long[] Zeros() => new long[JourneyStages.Count];
}

namespace Rapport.Core.Events;

/// <summary>
/// One event's return, as <c>rapport report events</c>, the API and the Events page show it (formulas in
/// docs/events.md). Rates are shares of the attendees (0–1, four decimals); lifts are differences of rates.
/// </summary>
/// <param name="Reach">The reported audience when the event has one, else the attendees.</param>
/// <param name="ProgressionRate30">Attendees who reached a later stage within 30 days of the start, per attendee.</param>
/// <param name="OwnBaselineRate30">The same attendees' rate in the 30 days before the start.</param>
/// <param name="PeerBaselineRate30">Developers who did not attend, at the same stages at the start: their rate, weighted as the attendees are spread over the stages.</param>
public sealed record EventRoi(
    long EventId,
    string Name,
    EventKind Kind,
    EventFormat Format,
    DateOnly StartsOn,
    long? ReportedAudience,
    long Reach,
    long Registered,
    long Attended,
    long Identified,
    long ActiveWithin30Days,
    long ProgressedWithin30Days,
    long ProgressedWithin90Days,
    double? ProgressionRate30,
    double? ProgressionRate90,
    double? OwnBaselineRate30,
    double? OwnBaselineRate90,
    double? PeerBaselineRate30,
    double? PeerBaselineRate90,
    double? LiftOverOwn90,
    double? LiftOverPeers90,
    double? EffortHours,
    double? ReachPerEffortHour,
    double? ProgressionsPerEffortHour,
    IReadOnlyList<CurrencyCost> Costs);

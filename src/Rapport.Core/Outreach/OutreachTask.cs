using Rapport.Core.Journey;

namespace Rapport.Core.Outreach;

/// <summary>
/// A suggested, human-sent message to help one developer: why, the evidence, the message, and where it stands.
/// <see cref="Status"/> is <see cref="OutreachStatus.Open"/> again once a snooze has passed.
/// </summary>
public sealed record OutreachTask(
    long Id,
    OutreachReason Reason,
    OutreachStatus Status,
    DateTime? SnoozedUntil,
    string? Assignee,
    long MemberId,
    string? Name,
    IReadOnlyList<string> Identities,
    JourneyStage? Stage,
    OutreachEvidence Evidence,
    string Message,
    IReadOnlyList<OutreachNote> Notes,
    DateTime CreatedAt,
    DateTime UpdatedAt);

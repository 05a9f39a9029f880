namespace Rapport.Core.Events;

/// <summary>One activity of a developer, as the reference computation of <see cref="EventFacts"/> reads it.</summary>
public readonly record struct EventActivityRecord(long MemberId, string Type, DateTime OccurredAt, string MessageId);

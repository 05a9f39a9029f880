namespace Rapport.Core.Pulse;

/// <summary>One member's activities in one week (its Monday, UTC), as the store counts them.</summary>
public sealed record PulseMemberWeek(long MemberId, DateOnly WeekStart, int Activities, DateTime LastActivityAt);

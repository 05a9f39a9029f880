namespace Rapport.Core.Outreach;

/// <summary>One of the member's last activities, shown as evidence.</summary>
public sealed record OutreachActivity(string Type, DateTime OccurredAt, string? Title);

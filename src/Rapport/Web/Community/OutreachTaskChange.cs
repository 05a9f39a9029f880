namespace Rapport.Web.Community;

/// <summary>The body of <c>PATCH /api/v1/outreach/{id}</c>; what is left out stays as it is.</summary>
internal sealed record OutreachTaskChange(string? Status, DateTime? SnoozedUntil, string? Assignee, string? Note, string? By);

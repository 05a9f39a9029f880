namespace Rapport.Web.Community;

/// <summary>The body of <c>PATCH /api/v1/outreach/{id}</c>; what is left out stays as it is.</summary>
internal sealed record OutreachTaskChange(string? Status = null, DateTime? SnoozedUntil = null, string? Assignee = null, string? Note = null, string? By = null);

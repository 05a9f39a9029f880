namespace Rapport.Web;

/// <summary>The body of <c>PATCH /api/v1/leads/{id}</c>.</summary>
internal sealed record LeadStatusRequest(string? Status, string? Note = null);

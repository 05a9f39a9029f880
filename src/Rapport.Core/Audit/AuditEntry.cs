namespace Rapport.Core.Audit;

/// <summary>One administrative action: who did what to what, and when.</summary>
/// <param name="Actor">A dashboard user's email, <c>key:rpk_…</c> for an API key, or the system user who ran a command.</param>
/// <param name="Action">What was done, e.g. <c>member.erased</c> or an API operation such as <c>AddWebhook</c>.</param>
public sealed record AuditEntry(Guid Id, DateTime At, string Actor, string Action, string? Target, string? Detail);

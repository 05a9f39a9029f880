namespace Rapport.Core.Leads;

/// <summary>One change of a lead's handoff status: to what, why, by whom and when.</summary>
public sealed record LeadStatusChange(LeadStatus Status, string? Note, string ChangedBy, DateTime ChangedAt);

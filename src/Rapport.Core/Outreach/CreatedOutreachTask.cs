namespace Rapport.Core.Outreach;

/// <summary>A task a refresh created.</summary>
public sealed record CreatedOutreachTask(long Id, long MemberId, OutreachReason Reason);

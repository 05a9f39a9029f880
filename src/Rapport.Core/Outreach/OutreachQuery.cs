namespace Rapport.Core.Outreach;

/// <summary>A page of the outreach queue, oldest first within a status, optionally by status, reason, assignee and developer.</summary>
public sealed record OutreachQuery
{
    public const int MaxLimit = 1000;

    public OutreachStatus? Status { get; init; }

    public OutreachReason? Reason { get; init; }

    public string? Assignee { get; init; }

    /// <summary>Only this developer's tasks.</summary>
    public long? MemberId { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}

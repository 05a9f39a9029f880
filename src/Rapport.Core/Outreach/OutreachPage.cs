namespace Rapport.Core.Outreach;

/// <summary>One page of tasks and how many match in all.</summary>
public sealed record OutreachPage(IReadOnlyList<OutreachTask> Tasks, long Total);

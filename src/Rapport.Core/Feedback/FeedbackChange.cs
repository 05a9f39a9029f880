namespace Rapport.Core.Feedback;

/// <summary>An item after a change, and how many outreach tasks its shipping created (one per developer who asked).</summary>
public sealed record FeedbackChange(FeedbackItem Item, int OutreachTasksCreated);

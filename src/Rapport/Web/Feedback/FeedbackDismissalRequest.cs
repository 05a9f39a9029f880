namespace Rapport.Web.Feedback;

/// <summary>The body of <c>POST /api/v1/feedback/suggestions/dismissals</c>: as <c>rapport feedback dismiss</c>.</summary>
internal sealed record FeedbackDismissalRequest(string? MessageId);

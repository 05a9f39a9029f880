namespace Rapport.Web.Feedback;

/// <summary>The body of <c>POST /api/v1/feedback/{id}/voters</c>: as <c>rapport feedback vote</c>.</summary>
internal sealed record FeedbackVoteRequest(string? Identity, bool Raised, string? MessageId);

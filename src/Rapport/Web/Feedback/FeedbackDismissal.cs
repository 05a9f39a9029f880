namespace Rapport.Web.Feedback;

/// <summary>A dismissed suggestion: <see cref="Dismissed"/> is <c>false</c> when it had been dismissed before.</summary>
internal sealed record FeedbackDismissal(string MessageId, bool Dismissed);

namespace Rapport.Core.Feedback;

/// <summary>Which feedback to list; <c>null</c> means any.</summary>
public sealed record FeedbackQuery(FeedbackStatus? Status = null, FeedbackKind? Kind = null, string? Area = null);

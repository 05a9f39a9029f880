namespace Rapport.Core.Feedback;

/// <summary>
/// A question or issue whose text reads as feedback (<see cref="FeedbackSignals"/>), waiting for a person to confirm
/// it (<c>rapport feedback add --from MESSAGE_ID</c>).
/// </summary>
/// <param name="Reason">The phrase that gave it away, e.g. <c>"would be nice"</c>.</param>
public sealed record FeedbackSuggestion(
    string MessageId, long MemberId, string ActivityType, DateTime OccurredAt, string Title, string? Url, FeedbackKind Kind, string Reason);

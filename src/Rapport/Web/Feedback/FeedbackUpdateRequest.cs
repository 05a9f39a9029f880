namespace Rapport.Web.Feedback;

/// <summary>The body of <c>PATCH /api/v1/feedback/{id}</c>: as <c>rapport feedback update</c>.</summary>
internal sealed record FeedbackUpdateRequest(string? Status, string? Kind, string? Title, string? Area, string? TrackerUrl);

namespace Rapport.Web.Feedback;

/// <summary>The body of <c>POST /api/v1/feedback</c>: as <c>rapport feedback add</c>.</summary>
internal sealed record FeedbackRequest(
    string? Title, string? Kind, string? Body, string? Area, string? TrackerUrl, string? FromMessageId, string[]? RaisedBy, string[]? Organizations);

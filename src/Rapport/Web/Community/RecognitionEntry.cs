namespace Rapport.Web.Community;

/// <summary>The body of <c>POST /api/v1/community/recognitions</c>.</summary>
internal sealed record RecognitionEntry(string? Identity, string? Kind, string? Note = null, DateOnly? GivenOn = null, string? By = null);

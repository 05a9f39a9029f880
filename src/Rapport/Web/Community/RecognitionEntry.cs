namespace Rapport.Web.Community;

/// <summary>The body of <c>POST /api/v1/community/recognitions</c>.</summary>
internal sealed record RecognitionEntry(string? Identity, string? Kind, string? Note, DateOnly? GivenOn, string? By);

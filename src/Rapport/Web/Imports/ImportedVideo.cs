namespace Rapport.Web.Imports;

/// <summary>
/// One video of a YouTube Studio export, as <c>rapport import youtube</c> prints it: its views, the paid ones, and at
/// most how many were engaged (watched past the engagement threshold).
/// </summary>
internal sealed record ImportedVideo(string VideoId, string? Title, long Views, long PaidViews, long EngagedViewsAtMost);

namespace Rapport.Web.Imports;

/// <summary>What a YouTube Studio import stored: the rows (video × traffic source) and each video's totals.</summary>
internal sealed record YouTubeImported(long Rows, IReadOnlyList<ImportedVideo> Videos);

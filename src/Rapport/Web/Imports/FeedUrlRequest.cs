namespace Rapport.Web.Imports;

/// <summary>A feed to fetch and import: an http or https URL, fetched through the same checks as <c>rapport import feed URL</c>.</summary>
internal sealed record FeedUrlRequest(string? Url);

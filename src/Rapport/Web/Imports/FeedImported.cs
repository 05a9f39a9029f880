namespace Rapport.Web.Imports;

/// <summary>What a feed import did, as <c>rapport import feed</c> prints it: the feed, its entries, and the catalog's changes.</summary>
internal sealed record FeedImported(string? Title, string Format, int Entries, int Added, int Updated, int Unchanged);

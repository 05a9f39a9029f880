using Rapport.Core.Content;

namespace Rapport.Connectors.Markdown;

/// <summary>How a folder of Markdown becomes catalog items: their kind, channel and party, and where the site is served.</summary>
/// <param name="BaseUrl">Where the site is served; a page without a canonical URL is at this address plus its path.</param>
public sealed record MarkdownImportOptions(
    ContentKind Kind = ContentKind.BlogPost, string? Channel = null, ChannelParty? Party = null, Uri? BaseUrl = null, bool IncludeDrafts = false);

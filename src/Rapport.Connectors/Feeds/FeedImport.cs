using Rapport.Connectors.Segment;
using Rapport.Core.Content;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Feeds;

/// <summary>
/// Imports a feed's entries into the content catalog in one transaction; entries already there (by guid, id or link)
/// are updated, so importing a feed again adds only what is new.
/// </summary>
public sealed class FeedImport(IRapportStore store)
{
    /// <param name="name">The file or URL, for errors (<c>blog.xml:12: item 3 has no title</c>).</param>
    /// <param name="kind">The kind of every entry; by default <c>podcast</c> for an iTunes podcast feed, else <c>blog_post</c>.</param>
    /// <param name="channel">The channel; by default the host of the feed's site link (<c>dev.to</c>).</param>
    public async Task<(Feed Feed, ContentImportSummary Summary)> ImportAsync(
        Workspace workspace, Stream input, string name, ContentKind? kind, string? channel, ChannelParty? party, CancellationToken cancellationToken)
    {
        Feed feed;
        try
        {
            feed = FeedReader.Read(input);
        }
        catch (FeedFormatException e)
        {
            throw new ImportLineException(name, e.Line, e.Reason);
        }

        var items = ToContent(feed, kind, channel, party);
        var summary = await store.ImportContentAsync(workspace, "feed", items, cancellationToken).ConfigureAwait(false);
        return (feed, summary);
    }

    public static IReadOnlyList<ImportedContent> ToContent(Feed feed, ContentKind? kind, string? channel, ChannelParty? party)
    {
        var site = Absolute(feed.Link, null);
        var feedChannel = ContentFields.NormaliseChannel(channel) ?? (site is null ? null : HostName(site));
        var itemKind = kind ?? (feed.IsPodcast ? ContentKind.Podcast : ContentKind.BlogPost);
        var items = new Dictionary<string, ImportedContent>(StringComparer.Ordinal);
        foreach (var entry in feed.Entries)
        {
            var link = Absolute(entry.Link, site);
            var key = "feed:" + (entry.Id ?? link?.AbsoluteUri ?? $"{entry.Title}|{entry.Published:O}");
            items[key] = new ImportedContent(key, new ContentFields
            {
                Kind = itemKind,
                Title = entry.Title.Length > ContentFields.MaxTitleLength ? entry.Title[..(ContentFields.MaxTitleLength - 1)] + "…" : entry.Title,
                Urls = link is null ? [] : [link.AbsoluteUri],
                Channel = feedChannel,
                Party = party,
                Published = entry.Published,
                Authors = entry.Authors,
                Tags = entry.Categories,
            });
        }

        return [.. items.Values];
    }

    /// <summary>The host as a channel name: <c>www.example.com</c> is <c>example.com</c>.</summary>
    public static string HostName(Uri uri) => uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..].ToLowerInvariant() : uri.Host.ToLowerInvariant();

    private static Uri? Absolute(string? link, Uri? site)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }

        // On Unix "/path" parses as an absolute file URI; in a feed it is a path on the feed's site.
        if (link.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(link, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute : null;
        }

        return site is not null && Uri.TryCreate(site, link, out var resolved) ? resolved : null;
    }
}

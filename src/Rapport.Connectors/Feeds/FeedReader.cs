using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Rapport.Connectors.Feeds;

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 feeds. A feed that is not well-formed XML, is none of
/// these, or has an entry without a title is refused whole with <see cref="FeedFormatException"/>. No DTDs and no
/// external entities are read.
/// </summary>
public static class FeedReader
{
    public const long MaxBytes = 32 << 20;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private const string ITunesNamespace = "itunes.com/dtds/podcast-1.0.dtd";

    public static Feed Read(Stream input)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(input, settings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException(e.LineNumber > 0 ? e.LineNumber : null, $"not well-formed XML: {e.Message}");
        }

        var root = document.Root ?? throw new FeedFormatException(null, "the file is empty");
        return root.Name.LocalName switch
        {
            "rss" => ReadRss(root),
            "RDF" when root.Name.Namespace == Rdf => ReadRss1(root),
            "feed" when root.Name.Namespace == Atom => ReadAtom(root),
            _ => throw new FeedFormatException(Line(root), $"not an RSS or Atom feed: the document is <{root.Name.LocalName}>"),
        };
    }

    private static Feed ReadRss(XElement root)
    {
        var channel = root.Element("channel") ?? throw new FeedFormatException(Line(root), "an RSS feed needs a <channel>");
        var link = Text(channel.Element("link"));
        var entries = channel.Elements("item").Select((item, index) => Entry(
            item, index, "item",
            id: Text(item.Element("guid")),
            title: Text(item.Element("title")),
            link: Text(item.Element("link")),
            published: Text(item.Element("pubDate")) ?? Text(item.Element(DublinCore + "date")),
            authors: [.. item.Elements("author").Concat(item.Elements(DublinCore + "creator")).Select(Text).OfType<string>()],
            categories: [.. item.Elements("category").Concat(item.Elements(DublinCore + "subject")).Select(Text).OfType<string>()],
            summary: Text(item.Element("description")))).ToList();
        // Podcast feeds declare Apple's namespace, in whatever case the feed's generator wrote it.
        var podcast = root.DescendantsAndSelf().Take(50).SelectMany(element => element.Attributes())
            .Any(attribute => attribute.IsNamespaceDeclaration && attribute.Value.Contains(ITunesNamespace, StringComparison.OrdinalIgnoreCase));
        return new Feed("rss-2.0", Text(channel.Element("title")), link, podcast, entries);
    }

    private static Feed ReadRss1(XElement root)
    {
        var channel = root.Element(Rss1 + "channel");
        var entries = root.Elements(Rss1 + "item").Select((item, index) => Entry(
            item, index, "item",
            id: (string?)item.Attribute(Rdf + "about"),
            title: Text(item.Element(Rss1 + "title")),
            link: Text(item.Element(Rss1 + "link")),
            published: Text(item.Element(DublinCore + "date")),
            authors: [.. item.Elements(DublinCore + "creator").Select(Text).OfType<string>()],
            categories: [.. item.Elements(DublinCore + "subject").Select(Text).OfType<string>()],
            summary: Text(item.Element(Rss1 + "description")))).ToList();
        return new Feed("rss-1.0", Text(channel?.Element(Rss1 + "title")), Text(channel?.Element(Rss1 + "link")), IsPodcast: false, entries);
    }

    private static Feed ReadAtom(XElement root)
    {
        var entries = root.Elements(Atom + "entry").Select((entry, index) => Entry(
            entry, index, "entry",
            id: Text(entry.Element(Atom + "id")),
            title: Text(entry.Element(Atom + "title")),
            link: AtomLink(entry),
            published: Text(entry.Element(Atom + "published")) ?? Text(entry.Element(Atom + "updated")),
            authors: [.. entry.Elements(Atom + "author").Select(author => Text(author.Element(Atom + "name"))).OfType<string>()],
            categories: [.. entry.Elements(Atom + "category").Select(category => ((string?)category.Attribute("term"))?.Trim()).OfType<string>()],
            summary: Text(entry.Element(Atom + "summary")))).ToList();
        return new Feed("atom", Text(root.Element(Atom + "title")), AtomLink(root), IsPodcast: false, entries);
    }

    private static FeedEntry Entry(
        XElement element, int index, string what, string? id, string? title, string? link, string? published,
        IReadOnlyList<string> authors, IReadOnlyList<string> categories, string? summary)
    {
        if (title is null)
        {
            throw new FeedFormatException(Line(element), $"{what} {index + 1}{(id is null ? "" : $" ({id})")} has no title");
        }

        return new FeedEntry(Line(element) ?? 0, id, title, link, ParseDate(published), authors, categories, summary);
    }

    /// <summary>The entry's page: the <c>alternate</c> link, else the first link without a <c>rel</c>.</summary>
    private static string? AtomLink(XElement element)
    {
        var links = element.Elements(Atom + "link").ToList();
        var alternate = links.FirstOrDefault(link => (string?)link.Attribute("rel") == "alternate")
            ?? links.FirstOrDefault(link => link.Attribute("rel") is null);
        return ((string?)alternate?.Attribute("href"))?.Trim();
    }

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static long? Line(XElement element) => element is IXmlLineInfo { LineNumber: > 0 } info ? info.LineNumber : null;

    /// <summary>RFC 822 dates of RSS (with the US zone names), ISO 8601 dates of Atom and Dublin Core; <c>null</c> when unreadable.</summary>
    public static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        foreach (var (zone, offset) in Zones)
        {
            if (value.EndsWith(" " + zone, StringComparison.Ordinal))
            {
                value = value[..^zone.Length] + offset;
                break;
            }
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            ? time.UtcDateTime
            : null;
    }

    private static readonly (string Zone, string Offset)[] Zones =
    [
        ("UT", "+0000"), ("GMT", "+0000"), ("Z", "+0000"), ("EST", "-0500"), ("EDT", "-0400"), ("CST", "-0600"), ("CDT", "-0500"),
        ("MST", "-0700"), ("MDT", "-0600"), ("PST", "-0800"), ("PDT", "-0700"),
    ];
}

using System.Globalization;
using System.Text.RegularExpressions;
using Rapport.Core.Content;

namespace Rapport.Connectors.Markdown;

/// <summary>
/// One Markdown file of a Hugo, Jekyll or Docusaurus site read as a content item: title, date, draft, description,
/// tags and categories, author(s), slug and canonical URL from its front matter.
/// </summary>
public sealed partial record MarkdownPage(string RelativePath, bool HasFrontMatter, bool IsDraft, ImportedContent? Content)
{
    /// <summary>
    /// Reads a file's text. <paramref name="relativePath"/> (with <c>/</c>) names it under the site's folder and makes
    /// its URL under <paramref name="baseUrl"/> when the front matter has no canonical URL. Throws
    /// <see cref="MarkdownFormatException"/> for front matter that cannot be read or a date that is not one.
    /// </summary>
    public static MarkdownPage Read(string relativePath, string text, ContentKind kind, string? channel, ChannelParty? party, Uri? baseUrl)
    {
        var front = FrontMatter.Parse(text);
        // Docs sites (MkDocs, many Docusaurus pages) often have no front matter, only a heading: as docs pages they
        // are pages; on a blog such a file is a README.
        if (ReferenceEquals(front, FrontMatter.Empty) && (kind != ContentKind.DocsPage || FirstHeading(text) is null))
        {
            return new MarkdownPage(relativePath, HasFrontMatter: false, IsDraft: false, Content: null);
        }

        var title = front.Text("title") ?? FirstHeading(text)
            ?? throw new MarkdownFormatException(1, "no title: the front matter has no title and the text no # heading");
        var draft = front.Flag("draft") || (front.Text("published") is { } published && published.Equals("false", StringComparison.OrdinalIgnoreCase));
        var date = front.Text("date", "publishDate", "pubDate");
        DateTime? when = null;
        if (date is not null)
        {
            when = ParseDate(date) ?? throw new MarkdownFormatException(LineOf(text, "date"), $"date '{date}' is not a date or time (write 2026-03-01 or 2026-03-01T10:00:00Z)");
        }
        else if (JekyllDate().Match(Path.GetFileName(relativePath)) is { Success: true } match)
        {
            when = DateTime.SpecifyKind(DateTime.ParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        var canonical = front.Text("canonical", "canonicalURL", "canonical_url", "canonicalUrl");
        if (canonical is not null && !Uri.TryCreate(canonical, UriKind.Absolute, out _))
        {
            throw new MarkdownFormatException(LineOf(text, "canonical"), $"canonical URL '{canonical}' is not an absolute address");
        }

        var url = canonical ?? (baseUrl is null ? null : new Uri(baseUrl, PagePath(relativePath, front.Text("slug"))).AbsoluteUri);
        var content = new ContentFields
        {
            Kind = kind,
            Title = title,
            Urls = url is null ? [] : [url],
            Channel = channel,
            Party = party,
            Published = when,
            Authors = front.List(words: false, "author", "authors"),
            Tags = front.List(words: true, "tags", "categories"),
            Description = front.Text("description", "summary"),
        };
        return new MarkdownPage(relativePath, HasFrontMatter: true, draft,
            new ImportedContent("markdown:" + (canonical ?? relativePath), content) { Text = Body(text) });
    }

    /// <summary>
    /// A page's path under the base URL: its folder, then the slug or the file name (without a Jekyll date and the
    /// extension; <c>index.md</c> and <c>_index.md</c> stand for their folder), ending in <c>/</c>; a leading
    /// <c>content/</c> or <c>_posts/</c> folder is dropped.
    /// </summary>
    public static string PagePath(string relativePath, string? slug)
    {
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 1 && parts[0] is "content" or "_posts")
        {
            parts.RemoveAt(0);
        }

        var file = Path.GetFileNameWithoutExtension(parts[^1]);
        parts.RemoveAt(parts.Count - 1);
        var name = slug ?? (file is "index" or "_index" ? null : JekyllDate().Replace(file, ""));
        if (name is not null)
        {
            parts.Add(name);
        }

        return string.Concat(parts.Select(part => Uri.EscapeDataString(part) + "/"));
    }

    /// <summary>Date-only (midnight UTC) and full timestamps, with or without a colon in the offset (Jekyll's <c>+0200</c>).</summary>
    public static DateTime? ParseDate(string text)
    {
        var value = OffsetWithoutColon().Replace(text.Trim(), "$1:$2");
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.UtcDateTime : null;
    }

    /// <summary>The text after the front matter: what the page says, kept for the docs-gap analysis.</summary>
    public static string Body(string text)
    {
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var fence = lines[0].TrimEnd();
        if (fence is "---" or "+++")
        {
            for (var i = 1; i < lines.Length; i++)
            {
                if (lines[i].TrimEnd() == fence)
                {
                    return string.Join('\n', lines[(i + 1)..]).Trim();
                }
            }
        }

        return text.Trim();
    }

    private static string? FirstHeading(string text) =>
        text.Split('\n').Select(line => line.TrimEnd()).FirstOrDefault(line => line.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    private static long LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 1;
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})-")]
    private static partial Regex JekyllDate();

    [GeneratedRegex(@"([+-]\d{2})(\d{2})$")]
    private static partial Regex OffsetWithoutColon();
}

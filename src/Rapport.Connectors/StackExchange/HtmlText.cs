using System.Net;
using System.Text;

namespace Rapport.Connectors.StackExchange;

/// <summary>
/// The text of a post body: Stack Exchange stores bodies as the HTML its Markdown renderer produced. Tags are
/// dropped, block elements become line breaks, list items start with "- ", <c>&lt;pre&gt;</c> blocks keep their
/// whitespace, and entities are decoded. A scanner rather than an XML parser, because post HTML is not XHTML
/// (<c>&lt;br&gt;</c>, <c>&lt;img …&gt;</c> are never closed).
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> BlockElements = new(StringComparer.Ordinal)
    {
        "p", "div", "hr", "pre", "blockquote", "ul", "ol", "li", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    private static readonly HashSet<string> ParagraphElements = new(StringComparer.Ordinal)
    {
        "p", "pre", "blockquote", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    };

    public static string ToPlainText(string html)
    {
        var text = new StringBuilder(html.Length);
        var inPre = 0;
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<' || i + 1 >= html.Length || !StartsTag(html[i + 1]))
            {
                // Outside <pre> a line break in the source is a space in the rendering.
                text.Append(inPre == 0 && c is '\n' or '\r' ? ' ' : c);
                i++;
                continue;
            }

            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                var endOfComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = endOfComment < 0 ? html.Length : endOfComment + 3;
                continue;
            }

            var end = EndOfTag(html, i + 1);
            if (end < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            var (name, closing) = TagName(html.AsSpan(i + 1, end - i - 1));
            if (name == "pre")
            {
                inPre = Math.Max(0, inPre + (closing ? -1 : 1));
            }

            if (name == "br")
            {
                TrimTrailingSpaces(text);
                text.Append('\n');
            }
            else if (BlockElements.Contains(name))
            {
                // A paragraph-like block ends with an empty line; any other block boundary starts a new line.
                Break(text, closing && ParagraphElements.Contains(name) ? 2 : 1);
                if (name == "li" && !closing)
                {
                    text.Append("- ");
                }
            }

            i = end + 1;
        }

        return Normalise(WebUtility.HtmlDecode(text.ToString()));
    }

    private static bool StartsTag(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    /// <summary>The index of the <c>&gt;</c> that closes a tag, skipping quoted attribute values; -1 if none.</summary>
    private static int EndOfTag(string html, int start)
    {
        char? quote = null;
        for (var i = start; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is { } open)
            {
                if (c == open)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    private static (string Name, bool Closing) TagName(ReadOnlySpan<char> tag)
    {
        var closing = tag.Length > 0 && tag[0] == '/';
        if (closing)
        {
            tag = tag[1..];
        }

        var length = 0;
        while (length < tag.Length && char.IsAsciiLetterOrDigit(tag[length]))
        {
            length++;
        }

        return (tag[..length].ToString().ToLowerInvariant(), closing);
    }

    private static void Break(StringBuilder text, int lines)
    {
        TrimTrailingSpaces(text);
        var trailing = 0;
        while (trailing < text.Length && text[text.Length - 1 - trailing] == '\n')
        {
            trailing++;
        }

        if (text.Length > trailing)
        {
            text.Append('\n', Math.Max(0, lines - trailing));
        }
    }

    private static void TrimTrailingSpaces(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    /// <summary>Trims line ends and the whole, and keeps at most one empty line between blocks.</summary>
    private static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        var newlines = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0)
            {
                newlines++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append('\n', Math.Min(newlines + 1, 2));
            }

            newlines = 0;
            result.Append(trimmed);
        }

        return result.ToString();
    }
}

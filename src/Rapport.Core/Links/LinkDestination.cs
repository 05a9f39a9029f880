using System.Text;

namespace Rapport.Core.Links;

/// <summary>
/// Where a click on a tracked link goes: the destination with utm_source, utm_medium and utm_campaign added where the
/// destination does not already have them (the team's own tags are never overwritten), and the click id.
/// </summary>
public static class LinkDestination
{
    /// <summary>The query parameter that carries a click id to the destination (like gclid, fbclid).</summary>
    public const string ClickIdParameter = "rclid";

    public static string For(TrackedLink link, string? contentKind, string clickId)
    {
        var uri = new Uri(link.Destination);
        var query = uri.Query.TrimStart('?');
        var names = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => Uri.UnescapeDataString(pair.Split('=', 2)[0]))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = new StringBuilder(query);
        void Add(string name, string? value)
        {
            if (value is null || names.Contains(name))
            {
                return;
            }

            added.Append(added.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        Add("utm_source", link.Channel ?? "rapport");
        Add("utm_medium", contentKind ?? "link");
        Add("utm_campaign", link.Campaign);
        Add(ClickIdParameter, clickId);
        return new UriBuilder(uri) { Query = added.ToString() }.Uri.AbsoluteUri;
    }

    /// <summary>
    /// The click id in a URL's query (<c>…?rclid=…</c>), or <c>null</c>. Click ids are 12 lower-case letters and
    /// digits; anything else is not one of Rapport's.
    /// </summary>
    public static string? ClickIdIn(string? url)
    {
        if (url is null)
        {
            return null;
        }

        var at = url.IndexOf(ClickIdParameter + "=", StringComparison.Ordinal);
        while (at > 0 && url[at - 1] is not ('?' or '&'))
        {
            at = url.IndexOf(ClickIdParameter + "=", at + 1, StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return null;
        }

        var start = at + ClickIdParameter.Length + 1;
        var end = url.IndexOfAny(['&', '#'], start);
        var value = end < 0 ? url[start..] : url[start..end];
        return IsClickId(value) ? value : null;
    }

    public static bool IsClickId(string? value) =>
        value is { Length: 12 } && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}

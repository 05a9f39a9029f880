namespace Rapport.Core.Reach;

/// <summary>
/// How bought traffic announces itself: a utm_medium that names a paid medium, a click id that an ad platform adds to
/// the landing URL, or a platform's own "paid" traffic source.
/// </summary>
public static class PaidTraffic
{
    /// <summary>utm_medium values of paid traffic, compared without regard to case, with <c>-</c> read as <c>_</c>.</summary>
    public static IReadOnlyList<string> Mediums { get; } = ["cpc", "ppc", "cpm", "cpv", "paid", "paid_social", "paidsocial", "paid_search", "display"];

    /// <summary>
    /// Query parameters ad platforms add to a click: Google (gclid, gbraid, wbraid, dclid), Meta (fbclid), Microsoft
    /// (msclkid), LinkedIn (li_fat_id), X (twclid), TikTok (ttclid).
    /// </summary>
    public static IReadOnlyList<string> ClickIds { get; } = ["gclid", "gbraid", "wbraid", "dclid", "fbclid", "msclkid", "li_fat_id", "twclid", "ttclid"];

    /// <summary>Platform traffic sources that are bought views: YouTube Studio's "Advertising".</summary>
    public static IReadOnlyList<string> TrafficSources { get; } = ["advertising", "youtube advertising", "paid"];

    public static bool IsPaidMedium(ReadOnlySpan<char> medium)
    {
        medium = medium.Trim();
        Span<char> normalised = stackalloc char[Math.Min(medium.Length, 32)];
        if (medium.Length > normalised.Length)
        {
            return false;
        }

        for (var i = 0; i < medium.Length; i++)
        {
            normalised[i] = medium[i] == '-' ? '_' : char.ToLowerInvariant(medium[i]);
        }

        foreach (var paid in Mediums)
        {
            if (normalised.SequenceEqual(paid))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsPaidSource(string? trafficSource) =>
        trafficSource is not null && TrafficSources.Contains(trafficSource.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a URL's query has a paid utm_medium or an ad click id. Reads the query without allocating.</summary>
    public static bool IsPaidUrl(ReadOnlySpan<char> url)
    {
        var question = url.IndexOf('?');
        if (question < 0)
        {
            return false;
        }

        var query = url[(question + 1)..];
        var hash = query.IndexOf('#');
        if (hash >= 0)
        {
            query = query[..hash];
        }

        while (!query.IsEmpty)
        {
            var amp = query.IndexOf('&');
            var pair = amp < 0 ? query : query[..amp];
            query = amp < 0 ? [] : query[(amp + 1)..];
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? [] : pair[(equals + 1)..];
            if (name.Equals("utm_medium", StringComparison.OrdinalIgnoreCase))
            {
                if (IsPaidMedium(Unescape(value)))
                {
                    return true;
                }
            }
            else if (!value.IsEmpty && IsClickId(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsClickId(ReadOnlySpan<char> name)
    {
        foreach (var clickId in ClickIds)
        {
            if (name.Equals(clickId, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> value) =>
        value.IndexOfAny('%', '+') < 0 ? value : Uri.UnescapeDataString(value.ToString().Replace('+', ' '));
}

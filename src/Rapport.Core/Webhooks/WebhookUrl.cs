namespace Rapport.Core.Webhooks;

/// <summary>The addresses a subscription may deliver to: absolute http or https URLs with a host.</summary>
public static class WebhookUrl
{
    /// <summary>The URL, normalised; <see cref="FormatException"/> for anything that is not http or https.</summary>
    public static string Parse(string? url)
    {
        var text = url?.Trim() ?? "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"'{text}' is not an absolute URL such as https://hooks.example.com/rapport");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"'{text}' is a {uri.Scheme} URL; webhooks are delivered to http or https URLs only");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{text}' names no host");
        }

        if (text.Length > 2000)
        {
            throw new FormatException("a webhook URL has at most 2,000 characters");
        }

        return uri.AbsoluteUri;
    }
}

using Rapport.Connectors.Outbound;

namespace Rapport.Connectors.Feeds;

/// <summary>
/// Fetches a feed from an http or https URL (nothing else: no files, no other schemes), at most
/// <see cref="FeedReader.MaxBytes"/>, within 30 seconds, from public addresses only unless private networks are
/// allowed (<see cref="OutboundUrls"/>; redirects are checked too).
/// </summary>
public static class FeedDownload
{
    public static bool IsUrl(string text) => text.Contains("://", StringComparison.Ordinal);

    /// <summary>
    /// The feed's bytes; <see cref="FormatException"/> for a URL that is not http or https, or
    /// <see cref="PrivateNetworkUrlException"/> for one on a private network (when given or at connect time), and
    /// <see cref="FeedFetchException"/> when the server refuses the connection, answers an error status or does not
    /// answer within 30 seconds.
    /// </summary>
    public static async Task<MemoryStream> FetchAsync(string url, bool allowPrivateNetwork, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var given) || (given.Scheme != Uri.UriSchemeHttp && given.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{url}' is not an http or https URL; a feed is read from a file or from http(s)");
        }

        var uri = await OutboundUrls.CheckAsync(url, allowPrivateNetwork, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient(OutboundUrls.CreateHandler(allowPrivateNetwork)) { Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = FeedReader.MaxBytes };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Rapport-feed-import/1.0");
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new FeedFetchException(url, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return new MemoryStream(bytes, writable: false);
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateNetworkUrlException)
        {
            // Refused by our own check at connect time: the URL is at fault, not the server.
            throw new PrivateNetworkUrlException($"{url}: cannot fetch the feed: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new FeedFetchException(url, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeedFetchException(url, $"{uri.Host} did not answer within {http.Timeout.TotalSeconds:0} seconds", e);
        }
    }
}

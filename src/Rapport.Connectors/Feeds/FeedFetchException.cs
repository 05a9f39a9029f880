namespace Rapport.Connectors.Feeds;

/// <summary>
/// The feed's server failed us: it refused the connection, answered an error status or did not answer in time. Not the
/// caller's mistake (a bad or refused URL is a <see cref="FormatException"/>), so the API answers 502, not 400.
/// The message names the URL and the server's status or error, as the command line prints it.
/// </summary>
public sealed class FeedFetchException(string url, string reason, Exception? innerException = null)
    : Exception($"{url}: cannot fetch the feed: {reason}", innerException);

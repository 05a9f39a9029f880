namespace Rapport.Web;

/// <summary>What the web host logs, source-generated.</summary>
internal static partial class WebLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Messages} ingested messages failed; their requests were answered 503")]
    public static partial void IngestCommitFailed(this ILogger logger, Exception exception, int messages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rapport {Version} serving {Store} at {Urls}")]
    public static partial void Serving(this ILogger logger, string version, string store, string urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the store's size for the metrics")]
    public static partial void StoreSizeUnavailable(this ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A click on the tracked link {Slug} was redirected but could not be stored")]
    public static partial void LinkClickNotStored(this ILogger logger, Exception exception, string slug);
}

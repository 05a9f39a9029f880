namespace Rapport.Connectors.Feeds;

/// <summary>A feed that cannot be read, with the line at fault when there is one; nothing of it is imported.</summary>
public sealed class FeedFormatException(long? line, string reason) : Exception(reason)
{
    public long? Line { get; } = line;

    public string Reason { get; } = reason;
}

namespace Rapport.Connectors.Markdown;

/// <summary>A Markdown file whose front matter cannot be read, with the line at fault when known.</summary>
public sealed class MarkdownFormatException(long? line, string reason) : Exception(reason)
{
    public long? Line { get; } = line;

    public string Reason { get; } = reason;
}

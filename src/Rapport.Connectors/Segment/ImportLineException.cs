namespace Rapport.Connectors.Segment;

/// <summary>A line of an import file that stopped the import; printed as <c>FILE:LINE: reason</c>.</summary>
public sealed class ImportLineException(string file, long line, string reason) : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;

    public long Line { get; } = line;

    public string Reason { get; } = reason;
}

namespace Rapport.Connectors.Segment;

/// <summary>
/// A line of an import file that stopped the import; printed as <c>FILE:LINE: reason</c>, or <c>FILE: reason</c> when
/// the fault is not on one line.
/// </summary>
public sealed class ImportLineException(string file, long? line, string reason)
    : Exception(line is { } number ? $"{file}:{number}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;

    public long? Line { get; } = line;

    public string Reason { get; } = reason;
}

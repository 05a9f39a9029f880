namespace Rapport.Core.Coverage;

/// <summary>A coverage file that cannot be used: the reason, and the line it is on when known.</summary>
public sealed class CoverageException(string reason, int? line = null) : Exception(line is { } at ? $"line {at}: {reason}" : reason)
{
    public string Reason { get; } = reason;

    /// <summary>The 1-based line of the file the problem is on, or <c>null</c>.</summary>
    public int? Line { get; } = line;
}

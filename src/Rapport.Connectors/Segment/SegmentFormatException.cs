namespace Rapport.Connectors.Segment;

/// <summary>A Segment message that cannot be ingested: the field at fault (if any) and why.</summary>
public sealed class SegmentFormatException(string? field, string reason)
    : Exception(field is null ? reason : $"{field}: {reason}")
{
    /// <summary>The message field at fault, e.g. <c>timestamp</c>; <c>null</c> for malformed JSON.</summary>
    public string? Field { get; } = field;

    public string Reason { get; } = reason;
}

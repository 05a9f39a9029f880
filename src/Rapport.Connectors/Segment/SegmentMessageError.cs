namespace Rapport.Connectors.Segment;

/// <summary>Why one message of a request cannot be ingested: which message (in a batch), which field, and why.</summary>
/// <param name="Index">The message's position in <c>batch</c>; <c>null</c> for a single-message request.</param>
/// <param name="Field">The field at fault; <c>null</c> when the message as a whole is (malformed JSON, not an object).</param>
public sealed record SegmentMessageError(int? Index, string? Field, string Reason)
{
    /// <summary>Where the error is, as a path into the request body: <c>batch[3].timestamp</c>, <c>timestamp</c>.</summary>
    public string? Path => (Index, Field) switch
    {
        ({ } index, { } name) => $"batch[{index}].{name}",
        ({ } index, null) => $"batch[{index}]",
        (null, var name) => name,
    };

    public override string ToString() => Path is { } path ? $"{path}: {Reason}" : Reason;
}

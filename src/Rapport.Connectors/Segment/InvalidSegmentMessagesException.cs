namespace Rapport.Connectors.Segment;

/// <summary>A request with one or more invalid messages, every one of them listed; none of the request is stored.</summary>
public sealed class InvalidSegmentMessagesException(IReadOnlyList<SegmentMessageError> errors)
    : Exception(Describe(errors))
{
    public IReadOnlyList<SegmentMessageError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<SegmentMessageError> errors) => errors.Count switch
    {
        0 => "the request has an invalid message",
        1 => errors[0].ToString(),
        _ => $"{errors[0]} (and {errors.Count - 1} more invalid messages; see errors)",
    };
}

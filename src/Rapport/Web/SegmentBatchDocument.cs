using System.Text.Json;

namespace Rapport.Web;

/// <summary>
/// The body of <c>POST /v1/batch</c>: messages, a <c>context</c> merged into each (the message's own fields win), and
/// the write key when it is not the HTTP Basic user name.
/// </summary>
internal sealed record SegmentBatchDocument(
    IReadOnlyList<SegmentMessageDocument> Batch, IReadOnlyDictionary<string, JsonElement>? Context = null, string? WriteKey = null);

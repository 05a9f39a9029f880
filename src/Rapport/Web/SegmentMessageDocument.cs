using System.Text.Json;

namespace Rapport.Web;

/// <summary>
/// One message of Segment's HTTP Tracking API as the OpenAPI document describes it (the fields Rapport reads; others
/// are kept in the activity's properties). Rapport's Segment parser reads the body itself, so that one
/// bad message in a batch is reported by index rather than failing model binding.
/// </summary>
internal sealed record SegmentMessageDocument(
    string? Type = null,
    string? UserId = null,
    string? AnonymousId = null,
    string? PreviousId = null,
    string? GroupId = null,
    string? Event = null,
    string? Name = null,
    IReadOnlyDictionary<string, JsonElement>? Properties = null,
    IReadOnlyDictionary<string, JsonElement>? Traits = null,
    IReadOnlyDictionary<string, JsonElement>? Context = null,
    DateTimeOffset? Timestamp = null,
    string? MessageId = null,
    string? WriteKey = null);

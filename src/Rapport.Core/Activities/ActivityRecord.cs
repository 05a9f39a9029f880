using Rapport.Core.Ingest;

namespace Rapport.Core.Activities;

/// <summary>One stored activity. Activities are immutable and append-only; everything else is derived from them.</summary>
/// <param name="IdentityId">The identity that did it; its member is found through the identity, so merges never rewrite activities.</param>
public sealed record ActivityRecord(
    Guid MessageKey,
    string MessageId,
    long IdentityId,
    string Type,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    string Source,
    ActivityContext Context,
    string? PropertiesJson);

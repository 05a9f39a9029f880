namespace Rapport.Core.Ingest;

/// <summary>An identify, alias or group message as stored: it links identities and sets traits but is not an activity.</summary>
public sealed record ProfileUpdate(
    Guid MessageKey,
    string MessageId,
    MessageKind Kind,
    long IdentityId,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    string? GroupId,
    string? TraitsJson);

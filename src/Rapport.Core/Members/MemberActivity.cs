namespace Rapport.Core.Members;

/// <summary>One entry of a developer's activity timeline.</summary>
public sealed record MemberActivity(
    string Type,
    DateTime OccurredAt,
    string Source,
    string Identity,
    string? Channel,
    string? Url,
    string? Title,
    string? PropertiesJson);

using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>One developer as a row of the developer list.</summary>
/// <param name="Organization">The company trait, else the domain of a work email address.</param>
public sealed record MemberSummary(
    long Id,
    string? Name,
    string? Email,
    string? Organization,
    string? BestIdentity,
    JourneyStage? Stage,
    long ActivityCount,
    DateTime? LastActivity);

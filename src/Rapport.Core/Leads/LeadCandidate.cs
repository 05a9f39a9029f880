using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>A developer who may count towards a lead: their stage, organization and last activity.</summary>
/// <param name="AnchorIdentity">The developer's first identity (<c>kind:value</c>): it names a developer lead and survives merges.</param>
/// <param name="Identity">The identity that names the developer best on screen.</param>
/// <param name="Organization">From <see cref="DeveloperOrganization.Of"/>; <c>null</c> when none is known.</param>
public sealed record LeadCandidate(
    long MemberId,
    string AnchorIdentity,
    string? Name,
    string? Identity,
    string? Organization,
    JourneyStage Stage,
    DateTime? LastActivity);

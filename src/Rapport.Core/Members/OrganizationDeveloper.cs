using Rapport.Core.Journey;

namespace Rapport.Core.Members;

/// <summary>What the organization list needs of one developer: their company trait, their addresses (email trait first), stage and first activity.</summary>
public sealed record OrganizationDeveloper(string? Company, IReadOnlyList<string> Emails, JourneyStage? Stage, DateTime? FirstActivity);

using Rapport.Core.Journey;

namespace Rapport.Core.Leads;

/// <summary>A developer who made a lead qualify, and the stage they had reached: the lead's evidence.</summary>
public sealed record LeadDeveloper(long MemberId, string? Name, string? Identity, JourneyStage Stage);

using Rapport.Core.Journey;

namespace Rapport.Core.Outreach;

/// <summary>What a suggested message may mention about its developer.</summary>
public sealed record OutreachMessageFacts(string? FirstName, string? Name, JourneyStage? Stage, DateTime? LastActivity, string? Question);

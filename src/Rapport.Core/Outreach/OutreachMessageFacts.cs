using Rapport.Core.Journey;

namespace Rapport.Core.Outreach;

/// <summary>What a suggested message may mention about its developer.</summary>
/// <param name="Feedback">The title of the feedback that shipped, for <c>{feedback}</c>.</param>
public sealed record OutreachMessageFacts(string? FirstName, string? Name, JourneyStage? Stage, DateTime? LastActivity, string? Question, string? Feedback = null);

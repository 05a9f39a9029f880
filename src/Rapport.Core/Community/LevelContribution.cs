namespace Rapport.Core.Community;

/// <summary>What one activity type added to a member's score: its weight, how many activities, and their decayed points.</summary>
public sealed record LevelContribution(string Type, double Weight, long Activities, double Points);

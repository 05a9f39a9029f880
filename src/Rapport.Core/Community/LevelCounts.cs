namespace Rapport.Core.Community;

/// <summary>How many members are at each level.</summary>
public sealed record LevelCounts(long Passive, long Active, long Hero);

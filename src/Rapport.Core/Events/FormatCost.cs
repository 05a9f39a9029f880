namespace Rapport.Core.Events;

/// <summary>One format's money in one currency: spent in all, and reach and progressions per 1,000 spent.</summary>
public sealed record FormatCost(string Currency, decimal Total, double? ReachPerThousand, double? ProgressionsPerThousand);

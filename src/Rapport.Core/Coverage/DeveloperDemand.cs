namespace Rapport.Core.Coverage;

/// <summary>
/// How many developers use each value, as the store counts them set-wise: <see cref="Value"/> is <c>null</c> for the
/// developers who use any value of the dimension.
/// </summary>
public sealed record DeveloperDemand(string Dimension, string? Value, long Developers);

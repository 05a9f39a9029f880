namespace Rapport.Core.Coverage;

/// <summary>
/// A dimension of the coverage matrix (<c>cloud</c>: aws, azure, gcp), and where developers say what they use: the
/// traits and activity properties read (by default both named after the dimension).
/// </summary>
public sealed record CoverageDimension(string Name, IReadOnlyList<CoverageValue> Values, IReadOnlyList<string> Traits, IReadOnlyList<string> Properties);

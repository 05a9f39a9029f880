namespace Rapport.Core.Coverage;

/// <summary>An under-served cell, with a sentence that says so ("they use azure, we only have content for aws").</summary>
public sealed record CoverageGap(string Dimension, string Value, double DemandShare, double SupplyShare, string Reason);

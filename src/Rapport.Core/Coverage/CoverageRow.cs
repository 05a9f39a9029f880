namespace Rapport.Core.Coverage;

/// <summary>
/// A dimension of the matrix as reported: its cells, and how many items, developers and questions name any of its
/// values (the denominators of the shares; one developer who uses two values counts once here).
/// </summary>
public sealed record CoverageRow(string Dimension, long ContentItems, long Developers, long Questions, IReadOnlyList<CoverageCell> Cells);

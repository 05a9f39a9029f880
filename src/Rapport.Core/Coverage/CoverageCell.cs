namespace Rapport.Core.Coverage;

/// <summary>
/// One value of a dimension: supply (content items tagged with it) against demand (developers who use it, questions
/// tagged with it), each also as a share of the dimension's total (docs/coverage.md).
/// </summary>
public sealed record CoverageCell(
    string Dimension,
    string Value,
    long ContentItems,
    long Developers,
    long Questions,
    double SupplyShare,
    double DeveloperShare,
    double QuestionShare,
    double DemandShare,
    bool UnderServed);

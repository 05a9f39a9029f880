namespace Rapport.Core.DocsGaps;

/// <summary>
/// A group of questions about one thing, how it is answered and how well the docs cover it. Topics are numbered by
/// <see cref="GapScore"/>, highest first: <see cref="Rank"/> 1 is the biggest gap.
/// </summary>
/// <param name="Name">The topic's three heaviest terms.</param>
/// <param name="UnansweredShare">Of the questions whose source says whether they were answered, the share that were not.</param>
/// <param name="MedianHoursToFirstAnswer">Over the answered questions whose source says when.</param>
/// <param name="Coverage">The best docs page's match, 0 without one.</param>
/// <param name="GapScore"><c>questions × (1 − coverage) × (1 + unanswered share)</c>, rounded to 2 decimals.</param>
public sealed record DocsGapTopic(
    int Rank,
    string Name,
    IReadOnlyList<string> TopTerms,
    int Questions,
    IReadOnlyList<MonthCount> Trend,
    double? UnansweredShare,
    double? MedianHoursToFirstAnswer,
    IReadOnlyList<TopicQuestion> Examples,
    IReadOnlyList<DocsPageMatch> Pages,
    double Coverage,
    double GapScore);

namespace Rapport.Core.DocsGaps;

/// <summary>The knobs of the docs-gap analysis (docs/docs-gaps.md); the defaults are what the reports use.</summary>
public sealed record DocsGapOptions
{
    /// <summary>The cosine similarity a question needs to its topic (to a leader, then to a centroid).</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>A group with fewer questions is not a topic: one question is not yet a pattern.</summary>
    public int MinQuestions { get; init; } = 3;

    /// <summary>How many times the questions are reassigned to the nearest centroid after the leader pass, at most.</summary>
    public int RefinementPasses { get; init; } = 5;

    /// <summary>How many terms of a body are read.</summary>
    public int BodyTerms { get; init; } = 300;

    /// <summary>How many terms of a docs page are read.</summary>
    public int PageTerms { get; init; } = 20_000;

    /// <summary>How many of its heaviest terms a question keeps.</summary>
    public int QuestionTerms { get; init; } = 32;

    /// <summary>How many of its heaviest terms a topic's centroid keeps.</summary>
    public int CentroidTerms { get; init; } = 64;

    /// <summary>How many of a topic's heaviest terms are shown and matched against docs pages.</summary>
    public int TopTerms { get; init; } = 8;

    /// <summary>The months of the trend, ending with the month of the latest question.</summary>
    public int Months { get; init; } = 12;

    /// <summary>How many example questions and docs pages a topic lists.</summary>
    public int Examples { get; init; } = 3;

    /// <summary>A docs page matching a topic less than this is not listed for it.</summary>
    public double MinPageMatch { get; init; } = 0.05;

    public static DocsGapOptions Default { get; } = new();

    public void Validate()
    {
        if (Threshold is <= 0 or >= 1 || double.IsNaN(Threshold))
        {
            throw new FormatException($"the similarity threshold is between 0 and 1, not {Threshold}");
        }

        if (MinQuestions < 2)
        {
            throw new FormatException($"a topic needs at least 2 questions, not {MinQuestions}");
        }

        if (Months is < 1 or > 120)
        {
            throw new FormatException($"the trend covers 1 to 120 months, not {Months}");
        }
    }
}

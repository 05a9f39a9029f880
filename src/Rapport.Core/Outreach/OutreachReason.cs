namespace Rapport.Core.Outreach;

/// <summary>Why Rapport suggests reaching out to a developer. JSON names: <c>stalled</c>, <c>unanswered_question</c>, …</summary>
public enum OutreachReason
{
    /// <summary>Was active, then went quiet before Scale.</summary>
    Stalled,

    /// <summary>Asked a question that had no answer after a while.</summary>
    UnansweredQuestion,

    /// <summary>A hero who has not been seen for a while.</summary>
    HeroQuiet,

    /// <summary>An active member whose recent advocacy makes them a hero candidate.</summary>
    HeroCandidate,

    /// <summary>Raised or upvoted feedback that has shipped: tell them (docs/feedback.md).</summary>
    FeedbackShipped,
}

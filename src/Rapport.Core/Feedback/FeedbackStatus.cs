namespace Rapport.Core.Feedback;

/// <summary>Where a piece of feedback stands with the product team. JSON names: <c>new</c>, <c>shared</c>, …</summary>
public enum FeedbackStatus
{
    /// <summary>Recorded, not yet passed on.</summary>
    New,

    /// <summary>Shared with the product team.</summary>
    Shared,

    /// <summary>The product team plans it.</summary>
    Planned,

    /// <summary>Shipped: the developers who asked are told (outreach reason <c>feedback_shipped</c>).</summary>
    Shipped,

    /// <summary>The product team will not do it.</summary>
    Declined,
}

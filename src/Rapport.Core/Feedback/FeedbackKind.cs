namespace Rapport.Core.Feedback;

/// <summary>What a piece of product feedback is. JSON names: <c>bug</c>, <c>feature</c>, <c>docs</c>, <c>friction</c>.</summary>
public enum FeedbackKind
{
    /// <summary>Something does not work as it should.</summary>
    Bug,

    /// <summary>Something developers want that the product does not do.</summary>
    Feature,

    /// <summary>The docs are missing, wrong or unclear.</summary>
    Docs,

    /// <summary>It works, but it is in the way ("the free tier is too small to evaluate").</summary>
    Friction,
}

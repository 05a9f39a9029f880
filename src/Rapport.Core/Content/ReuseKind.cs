namespace Rapport.Core.Content;

/// <summary>How an item was made from its parent: the edges of a reuse tree.</summary>
public enum ReuseKind
{
    /// <summary>The same talk or workshop given again, at another event.</summary>
    Redelivery,

    /// <summary>The same text published on another site (a cross-post to dev.to or DZone).</summary>
    Syndication,

    Translation,

    /// <summary>Made into another form: a sample became a video, a post became a talk.</summary>
    Adaptation,
}

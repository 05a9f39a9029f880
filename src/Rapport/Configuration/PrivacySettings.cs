namespace Rapport.Configuration;

/// <summary>How long raw page views are kept (docs/security.md#retention).</summary>
internal sealed class PrivacySettings
{
    /// <summary>The longest retention period accepted: ten years.</summary>
    public const int MaxRetentionDays = 3650;

    /// <summary>
    /// Days the first-party script's raw page views are kept; older ones are rolled up into per-page-and-day totals
    /// and deleted by <c>rapport serve</c> every hour and by <c>rapport privacy prune</c>. <c>0</c> (the default) keeps them.
    /// </summary>
    public int PageViewRetentionDays { get; set; }
}

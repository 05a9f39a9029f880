namespace Rapport.Core.ApiKeys;

/// <summary>What an API key may do. <see cref="Admin"/> may do everything the other scopes allow.</summary>
public enum ApiKeyScope
{
    /// <summary>Send events: the Segment HTTP Tracking API (a Segment client's write key).</summary>
    Ingest,

    /// <summary>Read reports and developers.</summary>
    Read,

    /// <summary>Everything, including managing the workspace.</summary>
    Admin,
}

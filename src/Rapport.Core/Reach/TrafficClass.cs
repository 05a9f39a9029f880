namespace Rapport.Core.Reach;

/// <summary>What one view or click was, as flags: a bot, bought, engaged. Validated is none of the first two and the third.</summary>
[Flags]
public enum TrafficClass
{
    None = 0,

    /// <summary>A crawler or script (user agent lists), a HEAD request, or one of a burst from one client.</summary>
    Bot = 1,

    /// <summary>Bought: a paid utm_medium, an ad click id, or YouTube's "Advertising" traffic source.</summary>
    Paid = 2,

    /// <summary>Read or watched for at least the kind's threshold.</summary>
    Engaged = 4,
}

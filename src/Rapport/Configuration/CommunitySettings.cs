namespace Rapport.Configuration;

/// <summary>How <c>rapport serve</c> keeps community levels, stalled developers and the outreach queue current.</summary>
internal sealed class CommunitySettings
{
    public const int DefaultRefreshMinutes = 15;

    /// <summary>Minutes between background refreshes (<c>serve --community-refresh</c>); <c>0</c> turns them off.</summary>
    public int RefreshMinutes { get; set; } = DefaultRefreshMinutes;
}

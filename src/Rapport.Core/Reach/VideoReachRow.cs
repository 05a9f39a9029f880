namespace Rapport.Core.Reach;

/// <summary>
/// One video's numbers for one traffic source, as YouTube Studio exports them (<see cref="TrafficSource"/> is empty
/// when the export is not split by source). An aggregate over viewers, not a developer's activity.
/// </summary>
public sealed record VideoReachRow(string VideoId, string TrafficSource, string? Title, long Views, long WatchSeconds)
{
    public bool IsPaid => PaidTraffic.IsPaidSource(TrafficSource);

    /// <summary>
    /// An upper bound of the views that lasted at least <paramref name="thresholdSeconds"/>: the export has only total
    /// watch time, and every engaged view takes at least the threshold of it, so at most watch time ÷ threshold views
    /// were engaged (and never more than the views). 38,500 ad views of 5 seconds on average: at most 6,416 of them.
    /// </summary>
    public long EngagedViewsAtMost(double thresholdSeconds) =>
        Math.Min(Views, (long)Math.Floor(WatchSeconds / thresholdSeconds));
}

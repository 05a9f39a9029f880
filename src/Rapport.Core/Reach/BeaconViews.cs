namespace Rapport.Core.Reach;

/// <summary>
/// Page views reported by <c>/t.js</c>, classified like every other view: the reader's engaged time is measured (time
/// the page was visible while the reader was active), so a view is engaged when that time reaches the threshold of
/// the content's kind.
/// </summary>
public static class BeaconViews
{
    /// <summary>Classifies one view; <paramref name="engagedThresholdSeconds"/> comes from the item the URL belongs to.</summary>
    public static TrafficClass Classify(BeaconView view, double engagedThresholdSeconds, BotUserAgents? bots = null) =>
        TrafficClassifier.Classify(
            new TrafficSignal(view.UserAgent, "GET", view.Url, view.Referrer, EngagedSeconds: view.EngagedSeconds),
            engagedThresholdSeconds, bots ?? BotUserAgents.Default);
}

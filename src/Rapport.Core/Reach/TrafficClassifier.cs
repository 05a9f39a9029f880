namespace Rapport.Core.Reach;

/// <summary>
/// The one classification of a view or a click into bot, paid and engaged, shared by the access-log import, tracked
/// links, t.js beacons and the reports. Pure: everything it needs is in the signal and the threshold.
/// </summary>
public static class TrafficClassifier
{
    public static TrafficClass Classify(in TrafficSignal signal, double engagedThresholdSeconds) =>
        Classify(signal, engagedThresholdSeconds, BotUserAgents.Default);

    public static TrafficClass Classify(in TrafficSignal signal, double engagedThresholdSeconds, BotUserAgents bots)
    {
        var traffic = TrafficClass.None;
        if (signal.Burst || string.Equals(signal.Method, "HEAD", StringComparison.OrdinalIgnoreCase) || bots.IsBot(signal.UserAgent))
        {
            traffic |= TrafficClass.Bot;
        }

        if ((signal.UtmMedium is { } medium && PaidTraffic.IsPaidMedium(medium))
            || PaidTraffic.IsPaidSource(signal.TrafficSource)
            || (signal.Url is { } url && PaidTraffic.IsPaidUrl(url))
            || (signal.Referrer is { } referrer && PaidTraffic.IsPaidUrl(referrer)))
        {
            traffic |= TrafficClass.Paid;
        }

        if (signal.EngagedSeconds is { } seconds && seconds >= engagedThresholdSeconds)
        {
            traffic |= TrafficClass.Engaged;
        }

        return traffic;
    }
}

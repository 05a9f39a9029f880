using Rapport.Core.Identities;

namespace Rapport.Core.Events;

/// <summary>
/// The activities an attendee list becomes, and their message ids: <c>event:ID:registered:IDENTITY</c>, so importing
/// a list again stores nothing twice, and every record of one event shares the prefix <c>event:ID:</c>, by which
/// reports tell an event's own records apart from what its attendees did besides.
/// </summary>
public static class EventActivities
{
    public const string Registered = "event.registered";

    public const string Attended = "event.attended";

    public static string MessageId(long eventId, string activityType, Identity identity) =>
        $"{Prefix(eventId)}{(activityType == Attended ? "attended" : "registered")}:{identity}";

    /// <summary>What every message id of the event's records starts with.</summary>
    public static string Prefix(long eventId) => $"event:{eventId}:";
}

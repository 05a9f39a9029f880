namespace Rapport.Core.Events;

/// <summary>What kind of event a DevRel team took part in or ran.</summary>
public enum EventKind
{
    Conference,
    Workshop,
    Meetup,
    Podcast,
    Livestream,
    Webinar,
}

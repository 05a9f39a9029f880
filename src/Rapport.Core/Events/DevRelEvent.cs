namespace Rapport.Core.Events;

/// <summary>
/// An event a DevRel team ran or took part in: a conference, a workshop, a meetup, a podcast, a livestream or a
/// webinar, with what it cost (money per category and currency, and hours of effort), who it was for
/// (<see cref="AudienceTags"/>), how many it reached by its organiser's count, and the talks given there (content items).
/// </summary>
/// <param name="Id">Numbered per workspace, from 1.</param>
/// <param name="EndsOn">The last day; the same as <see cref="StartsOn"/> for a one-day event.</param>
/// <param name="AudienceTags">Lower-case tags saying who came: languages, platforms, topics, ICPs.</param>
/// <param name="ReportedAudience">The audience the organiser reported (badge count, viewers, listens), or <c>null</c>.</param>
/// <param name="Talks">The ids of the content items given there (talks, workshops).</param>
public sealed record DevRelEvent(
    long Id,
    string Name,
    EventKind Kind,
    EventFormat Format,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? Location,
    string? Url,
    IReadOnlyList<string> AudienceTags,
    long? ReportedAudience,
    IReadOnlyList<EventCost> Costs,
    double? EffortHours,
    IReadOnlyList<long> Talks,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    /// <summary>When the event's windows start: 00:00 UTC on its first day.</summary>
    public DateTime Start => StartsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

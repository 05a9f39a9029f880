using Rapport.Core.Events;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Events a DevRel team ran or took part in, and their return (docs/events.md).</summary>
public partial interface IRapportStore
{
    /// <summary>Adds an event; <see cref="FormatException"/> when a field is wrong or a talk is not a content item.</summary>
    Task<DevRelEvent> AddEventAsync(Workspace workspace, EventFields fields, CancellationToken cancellationToken);

    /// <summary>Changes the fields given; the event, or <c>null</c> when the workspace has no such event.</summary>
    Task<DevRelEvent?> UpdateEventAsync(Workspace workspace, long id, EventFields changes, CancellationToken cancellationToken);

    Task<DevRelEvent?> GetEventAsync(Workspace workspace, long id, CancellationToken cancellationToken);

    /// <summary>An event with its return and the content items that fit its audience best; <c>null</c> when there is no such event.</summary>
    Task<EventDetail?> GetEventDetailAsync(Workspace workspace, long id, CancellationToken cancellationToken);

    /// <summary>Every event of the workspace, latest first.</summary>
    Task<IReadOnlyList<DevRelEvent>> ListEventsAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>A page of the events, latest start first (start day, then id), read by keyset.</summary>
    Task<KeysetPage<DevRelEvent>> ListEventsAsync(Workspace workspace, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// What the activities say about each event (<see cref="EventFacts"/>), counted in SQL from the event's own
    /// records, its attendees' other activities and every member's stage times; <see cref="EventFacts.Reference"/>
    /// is the definition it must equal.
    /// </summary>
    Task<IReadOnlyList<EventFacts>> GetEventFactsAsync(Workspace workspace, IReadOnlyList<DevRelEvent> events, CancellationToken cancellationToken);

    /// <summary>Every event's return and the comparison of formats, from one read of the events and their facts.</summary>
    Task<EventsReport> GetEventsReportAsync(Workspace workspace, CancellationToken cancellationToken);
}

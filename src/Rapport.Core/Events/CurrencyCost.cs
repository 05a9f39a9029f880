namespace Rapport.Core.Events;

/// <summary>
/// An event's money in one currency (never converted): the total, and what one attendee, one engaged developer and
/// one stage progression (within 90 days) cost; <c>null</c> where there were none to divide by.
/// </summary>
public sealed record CurrencyCost(string Currency, decimal Total, decimal? PerAttendee, decimal? PerEngagedDeveloper, decimal? PerProgression);

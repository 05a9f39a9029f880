namespace Rapport.Core.Events;

/// <summary>One event as <c>rapport events show</c>, the API and the Events page show it: the event, its return, and the content that fits its audience.</summary>
public sealed record EventDetail(DevRelEvent Event, EventRoi Return, IReadOnlyList<ContentFit> FittingContent);

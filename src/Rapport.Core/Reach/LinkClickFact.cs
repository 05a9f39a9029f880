namespace Rapport.Core.Reach;

/// <summary>One stored click on a tracked link: which link, its click id, when, and how it was classified.</summary>
public readonly record struct LinkClickFact(string Slug, string ClickId, DateTime At, TrafficClass Traffic);

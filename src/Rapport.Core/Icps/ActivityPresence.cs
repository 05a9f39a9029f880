namespace Rapport.Core.Icps;

/// <summary>How many activities of one type a developer has, and when the latest was.</summary>
public readonly record struct ActivityPresence(long Count, DateTime Last);

namespace Rapport.Core.Outreach;

/// <summary>A note on an outreach task: what was tried, what the developer said.</summary>
public sealed record OutreachNote(string Author, string Body, DateTime CreatedAt);

namespace Rapport.Core.Reach;

/// <summary>One entry of the crawler-user-agents list: a case-sensitive pattern and real user agents it is meant to match.</summary>
public sealed record CrawlerPattern(string Pattern, IReadOnlyList<string> Instances);

namespace Rapport.Core.DocsGaps;

/// <summary>An example question of a topic: one of those nearest its centre.</summary>
public sealed record TopicQuestion(string MessageId, long MemberId, string Title, string? Url, DateTime AskedAt, bool? Answered, double Similarity);

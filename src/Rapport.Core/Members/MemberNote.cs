namespace Rapport.Core.Members;

/// <summary>A note a team member wrote about a developer ("met at NDC, wants a Go SDK").</summary>
public sealed record MemberNote(Guid Id, string Author, string Body, DateTime CreatedAt);

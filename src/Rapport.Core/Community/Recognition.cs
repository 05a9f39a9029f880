namespace Rapport.Core.Community;

/// <summary>Recognition given to a member: swag, a shout-out, sponsored travel, time with the product team.</summary>
public sealed record Recognition(Guid Id, long MemberId, string? MemberName, string Kind, string? Note, DateOnly GivenOn, string By, DateTime RecordedAt);

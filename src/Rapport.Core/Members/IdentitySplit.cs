namespace Rapport.Core.Members;

/// <summary>An identity split out of a developer into a developer of its own, with its activities.</summary>
public sealed record IdentitySplit(string Identity, long FromMemberId, long ToMemberId);

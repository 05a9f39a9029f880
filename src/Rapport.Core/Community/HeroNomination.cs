namespace Rapport.Core.Community;

/// <summary>A hero named (or un-named) by hand, which overrides the score; who did it and why are kept.</summary>
public sealed record HeroNomination(long MemberId, bool Hero, string By, string Reason, DateTime At);

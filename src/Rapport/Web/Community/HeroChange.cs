namespace Rapport.Web.Community;

/// <summary>The body of <c>POST /api/v1/community/heroes</c>: name a hero (<c>hero: true</c>) or take the title away.</summary>
internal sealed record HeroChange(string? Identity, bool Hero, string? Reason = null, string? By = null);

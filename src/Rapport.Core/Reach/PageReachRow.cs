namespace Rapport.Core.Reach;

/// <summary>Page views of one URL on one day from an access log, classified when imported.</summary>
/// <param name="Url">The page's address: the site and the path, without the query.</param>
public sealed record PageReachRow(string Url, DateOnly Day, long Views, long HumanViews, long OrganicViews, long EngagedViews, long ValidatedViews, long PaidEngagedViews);

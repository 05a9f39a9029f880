namespace Rapport.Storage;

/// <summary>What a retention prune did: the page views rolled up, the per-page-and-day rows they went into, and the raw rows deleted.</summary>
public sealed record PageViewPrune(DateTime OlderThan, long ViewsRolledUp, int TotalsWritten, long ActivitiesDeleted);

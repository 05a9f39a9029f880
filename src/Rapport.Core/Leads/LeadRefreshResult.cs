namespace Rapport.Core.Leads;

/// <summary>What a refresh found: how many leads qualify now, the ones that qualified for the first time, and how many lapsed.</summary>
public sealed record LeadRefreshResult(int Qualifying, IReadOnlyList<Lead> Created, int Lapsed);

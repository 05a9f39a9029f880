namespace Rapport.Core.Reports;

public sealed record ActivityTypeCount(string Type, long Count);

namespace Rapport.Core.Content;

/// <summary>What a content import did: items new to the catalog, items it updated, and items it found unchanged.</summary>
public sealed record ContentImportSummary(int Added, int Updated, int Unchanged);

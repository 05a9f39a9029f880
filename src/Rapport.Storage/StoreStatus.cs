namespace Rapport.Storage;

/// <summary>What a store reports when asked whether it can serve: its schema and how much room it takes.</summary>
/// <param name="SchemaVersion">The newest migration applied to the store.</param>
/// <param name="LatestSchemaVersion">The newest migration this Rapport knows; equal once the store is up to date.</param>
/// <param name="SizeBytes">The store's size on disk (a DuckDB file and its log; a PostgreSQL database).</param>
public sealed record StoreStatus(int SchemaVersion, int LatestSchemaVersion, long SizeBytes)
{
    public bool IsCurrent => SchemaVersion == LatestSchemaVersion;
}

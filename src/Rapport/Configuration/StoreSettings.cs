using Rapport.Storage;

namespace Rapport.Configuration;

/// <summary>Where Rapport keeps its data.</summary>
internal sealed class StoreSettings
{
    /// <summary>A DuckDB file path, or a PostgreSQL connection string or <c>postgres://</c> URI (<c>--db</c>).</summary>
    public string Db { get; set; } = RapportStore.DefaultPath;

    /// <summary>A cap on DuckDB's own buffers, such as <c>2GB</c>; none by default (DuckDB takes up to 80 % of memory).</summary>
    public string? DuckDbMemoryLimit { get; set; }
}

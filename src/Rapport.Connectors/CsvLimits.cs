namespace Rapport.Connectors;

/// <summary>
/// How much one CSV import reads before refusing the file (docs/security.md#input-limits): the longest row, the most
/// fields in a row (the header's included) and the most rows. Past any of them the import stops with
/// <c>FILE:LINE: reason</c> and writes nothing. The defaults are far above any real export and well below what
/// would exhaust memory or hold the store's writer for long.
/// </summary>
public sealed record CsvLimits
{
    public const int DefaultMaxRowBytes = 4 << 20;

    public const int DefaultMaxFields = 1_000;

    public const long DefaultMaxRows = 5_000_000;

    public static CsvLimits Default { get; } = new();

    /// <summary>The longest row, in bytes (a row is a line, or several when a quoted field holds line breaks).</summary>
    public int MaxRowBytes { get; init; } = DefaultMaxRowBytes;

    public int MaxFields { get; init; } = DefaultMaxFields;

    /// <summary>The most rows after the header.</summary>
    public long MaxRows { get; init; } = DefaultMaxRows;
}

using Rapport.Connectors;

namespace Rapport.Configuration;

/// <summary>How much of a CSV file the imports read before refusing it (docs/security.md#input-limits).</summary>
internal sealed class ImportSettings
{
    /// <summary>The longest row in bytes; unset, each import's own (4 MiB for questions and members, 1 MiB for attendees).</summary>
    public int? CsvMaxRowBytes { get; set; }

    public int CsvMaxFields { get; set; } = CsvLimits.DefaultMaxFields;

    public long CsvMaxRows { get; set; } = CsvLimits.DefaultMaxRows;

    /// <summary>The limits of an import whose rows may be <paramref name="defaultMaxRowBytes"/> long unless set otherwise.</summary>
    public CsvLimits CsvLimitsFor(int defaultMaxRowBytes) =>
        new() { MaxRowBytes = CsvMaxRowBytes ?? defaultMaxRowBytes, MaxFields = CsvMaxFields, MaxRows = CsvMaxRows };
}

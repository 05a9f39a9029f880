using Rapport.Connectors;

namespace Rapport.Configuration;

/// <summary>How much of a CSV file the imports read before refusing it, and how large a file the HTTP API takes (docs/security.md#input-limits).</summary>
internal sealed class ImportSettings
{
    /// <summary>The largest <see cref="MaxUploadBytes"/>: an upload is held in memory while it is imported.</summary>
    public const int MaxUploadBytesLimit = 1 << 30;

    /// <summary>
    /// The largest file an import over HTTP takes (<c>POST /api/v1/imports/…</c>, an event's attendees), once
    /// decompressed; larger ones are refused with 413 before anything is stored. The command line reads files of any size.
    /// </summary>
    public int MaxUploadBytes { get; set; } = 32 << 20;

    /// <summary>The longest row in bytes; unset, each import's own (4 MiB for questions and members, 1 MiB for attendees).</summary>
    public int? CsvMaxRowBytes { get; set; }

    public int CsvMaxFields { get; set; } = CsvLimits.DefaultMaxFields;

    public long CsvMaxRows { get; set; } = CsvLimits.DefaultMaxRows;

    /// <summary>The limits of an import whose rows may be <paramref name="defaultMaxRowBytes"/> long unless set otherwise.</summary>
    public CsvLimits CsvLimitsFor(int defaultMaxRowBytes) =>
        new() { MaxRowBytes = CsvMaxRowBytes ?? defaultMaxRowBytes, MaxFields = CsvMaxFields, MaxRows = CsvMaxRows };
}

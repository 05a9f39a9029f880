using CsvHelper;

namespace Rapport.Connectors;

/// <summary>How the CSV imports (questions, members, attendees) read their files, so they report bad CSV alike.</summary>
internal static class ImportCsv
{
    /// <summary>
    /// Comma-separated, with line numbers for <c>FILE:LINE: reason</c>; a row longer than <paramref name="maxRowBytes"/>
    /// is refused, and the first malformed record's reason, in words a person fixing the file understands, goes to
    /// <paramref name="malformed"/>.
    /// </summary>
    public static CsvReaderOptions Options(int maxRowBytes, Action<string> malformed) => new()
    {
        Separator = ',',
        TrackLineNumbers = true,
        MaxRecordSize = maxRowBytes,
        OnMalformedRecord = record => malformed(record.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
            CsvMalformedReason.StrayQuote => "a quote inside a field that is not quoted (quote the field and double the quote)",
            var reason => $"malformed CSV ({reason})",
        }),
    };
}

using CsvHelper;
using Rapport.Connectors.Segment;

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

    /// <summary>
    /// Column overrides given as <c>FIELD=HEADER</c> (<c>--column</c> on the command line, <c>column</c> over HTTP), by
    /// field name. <see cref="FormatException"/> for one that is not of that form (showing <paramref name="example"/>)
    /// or whose field <paramref name="isField"/> refuses (with the reason <paramref name="unknownField"/> gives).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseColumnOverrides(
        IEnumerable<string> columns, string example, Func<string, bool> isField, Func<string, string> unknownField)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in columns)
        {
            var equals = column.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == column.Length - 1)
            {
                throw new FormatException($"column '{column}' is not FIELD=HEADER, e.g. {example}");
            }

            var field = column[..equals].Trim();
            if (!isField(field))
            {
                throw new FormatException($"column {column}: {unknownField(field)}");
            }

            overrides[field] = column[(equals + 1)..].Trim();
        }

        return overrides;
    }

    /// <summary>
    /// The one reading loop of the CSV imports. The header is read and mapped by <paramref name="map"/> (a
    /// <see cref="FormatException"/> from it is line 1; a file without a header is refused); then every record becomes
    /// a row through <paramref name="read"/>, or through <paramref name="malformed"/> with the line and the reason when
    /// the CSV itself is broken there. A row too long, a row with too many fields, one row more than
    /// <paramref name="limits"/> allow, or CSV that cannot be read on throws <see cref="ImportLineException"/>.
    /// </summary>
    public static IEnumerable<TRow> ReadRows<TColumns, TRow>(
        TextReader text,
        string name,
        CsvLimits limits,
        Func<IReadOnlyList<string>, TColumns> map,
        Func<CsvReader, IReadOnlyList<string>, TColumns, TRow> read,
        Func<long, string, TRow> malformed,
        CancellationToken cancellationToken)
    {
        var maxRowBytes = limits.MaxRowBytes;
        string? broken = null;
        using var csv = CsvReader.Create(text, Options(maxRowBytes, reason => broken ??= reason), leaveOpen: true);
        Guard(name, maxRowBytes, () =>
        {
            csv.ReadHeader();
            return true;
        });
        if (csv.Headers is not { Count: > 0 } header)
        {
            throw new ImportLineException(name, null, "the file is empty; its first line must name the columns");
        }

        if (header.Count > limits.MaxFields)
        {
            throw new ImportLineException(name, 1, $"the header names {header.Count:N0} columns, more than the {limits.MaxFields:N0} an import reads");
        }

        TColumns columns;
        try
        {
            columns = map(header);
        }
        catch (FormatException e)
        {
            throw new ImportLineException(name, 1, e.Message);
        }

        var rows = 0L;
        while (Guard(name, maxRowBytes, csv.Read))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++rows > limits.MaxRows)
            {
                throw new ImportLineException(name, csv.LineNumber,
                    $"the file has more than {limits.MaxRows:N0} rows, the most one import reads; split it into several files");
            }

            if (csv.FieldCount > limits.MaxFields)
            {
                throw new ImportLineException(name, csv.LineNumber, $"the row has {csv.FieldCount:N0} fields, more than the {limits.MaxFields:N0} an import reads");
            }
            if (broken is { } reason)
            {
                broken = null;
                yield return malformed(csv.LineNumber, reason);
                continue;
            }

            yield return read(csv, header, columns);
        }
    }

    private static T Guard<T>(string name, int maxRowBytes, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CsvFormatException e)
        {
            throw new ImportLineException(name, e.LineNumber > 0 ? e.LineNumber : null, e.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                ? $"a row is longer than {Size(maxRowBytes)} (a quoted field never closed?)"
                : "malformed CSV: " + e.Message);
        }
    }

    private static string Size(int bytes) => bytes switch
    {
        _ when bytes % (1 << 20) == 0 => $"{bytes >> 20} MiB",
        _ when bytes % (1 << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes:N0} bytes",
    };
}

using DuckDB.NET.Data;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// The Appenders of one ingest session, kept open from chunk to chunk until the session next runs SQL. Opening an
/// Appender looks the table up in the catalog and closing one flushes it, which at thousands of chunks cost more than
/// the rows themselves; text goes in as UTF-8 from one reused buffer rather than as a native copy per string.
/// </summary>
internal sealed class DuckDbRowAppenders(DuckDBConnection connection)
{
    private readonly Dictionary<string, DuckDBAppender> _open = new(StringComparer.Ordinal);
    private readonly Utf8Scratch _utf8 = new();

    /// <summary>The open Appender of <paramref name="table"/>, opened on first use.</summary>
    public DuckDBAppender For(string table)
    {
        if (!_open.TryGetValue(table, out var appender))
        {
            appender = connection.CreateAppender(table);
            _open.Add(table, appender);
        }

        return appender;
    }

    /// <summary>Appends text to the row's next VARCHAR columns, one value each, in order (null as NULL).</summary>
    public IDuckDBAppenderRow Text(IDuckDBAppenderRow row, params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            // The span overload reads an empty span as NULL, so the empty string goes in as a string.
            if (string.IsNullOrEmpty(value))
            {
                row = value is null ? row.AppendNullValue() : row.AppendValue(value);
                continue;
            }

            row = row.AppendValue(_utf8.Encode(value));
        }

        return row;
    }

    /// <summary>Flushes and closes every open Appender: their rows are then visible to the session's SQL.</summary>
    public void Flush()
    {
        // Every Appender is closed even when one fails to flush, so none outlives the session's transaction.
        Exception? failed = null;
        foreach (var appender in _open.Values)
        {
            try
            {
                appender.Dispose();
            }
            catch (DuckDBException e)
            {
                failed ??= e;
            }
        }

        _open.Clear();
        if (failed is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
        }
    }
}

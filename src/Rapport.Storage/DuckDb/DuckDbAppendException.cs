namespace Rapport.Storage.DuckDb;

/// <summary>DuckDB refused rows given to an Appender as a data chunk; the message is DuckDB's own.</summary>
internal sealed class DuckDbAppendException(string table, string message)
    : Exception($"DuckDB refused rows for {table}: {message}");

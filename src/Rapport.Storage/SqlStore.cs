using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Rapport.Storage;

/// <summary>
/// The SQL that reads and writes alike on DuckDB and PostgreSQL (standard SQL, positional <c>$1</c> parameters),
/// written once: each backend supplies its connections and the few pieces of dialect that differ.
/// </summary>
public abstract partial class SqlStore
{
    /// <summary>Runs a query on a reading connection, which sees the last committed state.</summary>
    private protected abstract Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken);

    /// <summary>Runs one statement that writes (and may return rows, with <c>RETURNING</c>) in its own transaction.</summary>
    private protected abstract Task<T> WriteAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken);

    /// <summary>Runs statements that write, in order, in one transaction.</summary>
    private protected abstract Task ExecuteAsync(IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken);

    private protected abstract DateTime Now();

    /// <summary>An SQL expression for the Monday (00:00 UTC) that starts the week of a timestamp column.</summary>
    private protected abstract string WeekStart(string column);

    /// <summary>
    /// What ends a subquery that picks rows for a worker to claim: PostgreSQL skips rows another process is claiming
    /// at the same moment (<c>FOR UPDATE SKIP LOCKED</c>); DuckDB has one writer, in one process.
    /// </summary>
    private protected abstract string ClaimRowsClause { get; }

    /// <summary>Whether an error is a violated primary key or unique constraint.</summary>
    private protected abstract bool IsUniqueViolation(DbException exception);

    private protected Task ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken) =>
        ExecuteAsync([(sql, parameters)], cancellationToken);

    private protected static DateTime? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private protected static string? ReadText(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Placeholders <c>$first, $first+1, …</c> for a list of values appended to a query's parameters.</summary>
    private protected static string Placeholders(int first, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "$" : ", $").Append((first + i).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}

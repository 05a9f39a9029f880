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

    /// <summary>
    /// Runs statements that write only derived tables (never the ones ingest writes), in order, in one transaction,
    /// without holding up ingest while they run: long re-derivations such as the community refresh.
    /// </summary>
    private protected abstract Task ExecuteBesideIngestAsync(IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken);

    private protected abstract DateTime Now();

    /// <summary>An aggregate: the <paramref name="n"/>-th latest value of a column in the group, <c>NULL</c> when it has fewer.</summary>
    private protected abstract string NthLatest(string column, int n);

    /// <summary>An SQL expression for the text of a top-level key of a JSON column (<c>NULL</c> when absent).</summary>
    private protected abstract string JsonText(string column, string key);

    /// <summary>An SQL expression for the Monday (00:00 UTC) that starts the week of a timestamp column.</summary>
    private protected abstract string WeekStart(string column);

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

using System.Data.Common;
using System.Globalization;
using System.Text;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// The SQL that reads and writes alike on DuckDB and PostgreSQL (standard SQL, positional <c>$1</c> parameters),
/// written once: each backend supplies its connections and the few pieces of dialect that differ.
/// </summary>
public abstract partial class SqlStore
{
    private readonly AsyncLocal<DbTransaction?> _snapshot = new();

    /// <summary>The read-only transaction of the snapshot this flow reads in, or <c>null</c>: see <see cref="InSnapshotAsync"/>.</summary>
    private protected DbTransaction? Snapshot => _snapshot.Value;

    /// <summary>
    /// Runs reads that must agree with each other (a profile's identities and progress, the workspace's counts) on
    /// one connection in one read-only transaction, so that a merge committed meanwhile cannot split them:
    /// <see cref="QueryAsync"/> calls made by <paramref name="read"/> use it. The reads run one after another.
    /// </summary>
    private protected async Task<T> InSnapshotAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        if (_snapshot.Value is not null)
        {
            return await read().ConfigureAwait(false);
        }

        var transaction = await BeginSnapshotAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _snapshot.Value = transaction;
            return await read().ConfigureAwait(false);
        }
        finally
        {
            _snapshot.Value = null;
            await EndSnapshotAsync(transaction).ConfigureAwait(false);
        }
    }

    /// <summary>Opens a connection and a read-only transaction that sees one committed state.</summary>
    private protected abstract Task<DbTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Ends a snapshot's transaction and gives back its connection.</summary>
    private protected abstract ValueTask EndSnapshotAsync(DbTransaction transaction);

    /// <summary>Runs a query on a reading connection, which sees the last committed state (or the current snapshot's).</summary>
    private protected abstract Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken);

    /// <summary>Runs one statement that writes (and may return rows, with <c>RETURNING</c>) in its own transaction.</summary>
    private protected abstract Task<T> WriteAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken);

    /// <summary>Runs statements that write, in order, in one transaction.</summary>
    private protected abstract Task ExecuteAsync(IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/> under the workspace's ingest lock (no ingest session of any process writes
    /// meanwhile), in one transaction, with the journey map in force. When <paramref name="identitiesChanged"/>, what
    /// ingest keeps in memory about the workspace's identities is brought up to date after the commit, in this process
    /// and (through the workspace's ingest version) in every other.
    /// </summary>
    private protected abstract Task<T> ChangeUnderIngestLockAsync<T>(
        Workspace workspace, bool identitiesChanged, Func<IWriterTransaction, JourneyMap, Task<T>> change, CancellationToken cancellationToken);

    private protected abstract DateTime Now();

    /// <summary>
    /// The pairs of identities whose developers a person kept apart (<c>$1</c> is the workspace), for the identity
    /// graph: every dismissed suggestion, and those that unmerging and undoing merges record.
    /// </summary>
    private protected const string KeptApartQuery =
        """
        SELECT a.kind, a.value, b.kind, b.value FROM merge_suggestions s
        JOIN identities a ON a.workspace_id = s.workspace_id AND a.id = s.identity_id
        JOIN identities b ON b.workspace_id = s.workspace_id AND b.id = s.other_identity_id
        WHERE s.workspace_id = $1 AND s.status = 'dismissed'
        """;

    /// <summary>
    /// Runs statements that write only derived tables (never the ones ingest writes), in order, in one transaction,
    /// without holding up ingest while they run: long re-derivations such as the community refresh.
    /// </summary>
    private protected abstract Task ExecuteBesideIngestAsync(IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken);

    /// <summary>An aggregate: the <paramref name="n"/>-th latest value of a column in the group, <c>NULL</c> when it has fewer.</summary>
    private protected abstract string NthLatest(string column, int n);

    /// <summary>An SQL expression for the text of a top-level key of a JSON column (<c>NULL</c> when absent).</summary>
    private protected abstract string JsonText(string column, string key);

    /// <summary>An SQL expression for the JSON text of a top-level key of a JSON column (<c>"aws"</c>, <c>["aws","gcp"]</c>; <c>NULL</c> when absent).</summary>
    private protected abstract string JsonValue(string column, string key);

    /// <summary>A <c>SELECT</c> of the strings of a JSON array column, one row each in a column named <c>value</c> (for <c>EXISTS</c> filters).</summary>
    private protected abstract string JsonArrayStrings(string column);

    /// <summary>An SQL expression for the Monday (00:00 UTC) that starts the week of a timestamp column.</summary>
    private protected abstract string WeekStart(string column);

    /// <summary>An SQL aggregate for the median of an expression (the mean of the middle two for an even count).</summary>
    private protected abstract string Median(string expression);

    /// <summary>An SQL expression for the seconds from one timestamp column to another, to the microsecond.</summary>
    private protected abstract string SecondsBetween(string from, string to);

    /// <summary>
    /// What ends a subquery that picks rows for a worker to claim: PostgreSQL skips rows another process is claiming
    /// at the same moment (<c>FOR UPDATE SKIP LOCKED</c>); DuckDB has one writer, in one process.
    /// </summary>
    private protected abstract string ClaimRowsClause { get; }

    /// <summary>Whether an error is a violated primary key or unique constraint.</summary>
    private protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>The statements of a change made under the workspace's ingest lock, on its connection and in its transaction.</summary>
    private protected interface IWriterTransaction
    {
        Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken);

        Task ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken);
    }

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

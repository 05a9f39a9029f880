using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Workspaces;
using static Rapport.Storage.Postgres.PostgresConnectionExtensions;

namespace Rapport.Storage.Postgres;

/// <summary>Copying a workspace: its rows read from one snapshot, and written with binary COPY in one transaction.</summary>
public sealed partial class PostgresStore
{
    public async IAsyncEnumerable<StoredTableChunk> ExportAsync(Workspace workspace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One snapshot for every table, while other processes may go on ingesting.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        foreach (var (table, columns) in StoredTables.All)
        {
            await using var command = connection.Command(
                $"SELECT {StoredTables.SelectList(columns)} FROM {table} WHERE {StoredTables.WorkspaceFilter(table)}", workspace.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var rows = await StoredTables.ReadChunkAsync(reader, columns, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0)
                {
                    break;
                }

                yield return RevealSecrets(new StoredTableChunk(table, rows));
            }
        }
    }

    public async Task ImportAsync(
        Workspace target, IAsyncEnumerable<StoredTableChunk> chunks, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        PrepareSecrets();
        // The workspace's ingest lock, as a session would take it, and its API key lock: nothing else writes to it meanwhile.
        var writer = _writers.GetOrAdd(target.Id, static _ => new WorkspaceWriter());
        await writer.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await LockForIngestAsync(connection, target, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", [PostgresLocks.ApiKeys, target.Id], cancellationToken)
                .ConfigureAwait(false);
            if (await connection.ScalarAsync<bool>($"SELECT {StoredTables.AnyRowCondition}", [target.Id], cancellationToken).ConfigureAwait(false))
            {
                throw new WorkspaceNotEmptyException(
                    $"the workspace '{target.Slug}' in {Description} already holds data; a copy goes only into an empty workspace");
            }

            var written = 0L;
            NpgsqlBinaryImporter? copy = null;
            string? copying = null;
            try
            {
                await foreach (var received in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    var chunk = ProtectSecrets(received);
                    var columns = StoredTables.Find(chunk.Table);
                    if (chunk.Table != copying && copy is not null)
                    {
                        await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
                        await copy.DisposeAsync().ConfigureAwait(false);
                        copy = null;
                    }

                    copying = chunk.Table;
                    if (chunk.Table == StoredTables.Workspaces)
                    {
                        foreach (var row in chunk.Rows)
                        {
                            await connection.ExecuteAsync(
                                "UPDATE workspaces SET created_at = $1 WHERE id = $2", [row[0], target.Id], cancellationToken).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        copy ??= await connection.BeginBinaryImportAsync(
                            $"COPY {chunk.Table} (workspace_id, {StoredTables.SelectList(columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken)
                            .ConfigureAwait(false);
                        await WriteRowsAsync(copy, target, columns, chunk, cancellationToken).ConfigureAwait(false);
                    }

                    written += chunk.Rows.Count;
                    progress?.Report(written);
                }

                if (copy is not null)
                {
                    await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (copy is not null)
                {
                    await copy.DisposeAsync().ConfigureAwait(false);
                }
            }

            // Every copied identity and merge is new to a process that caches the (empty) workspace: marked with the
            // version the copy makes, they are what such a process catches up on.
            var version = await BumpIngestVersionAsync(connection, target, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("UPDATE identities SET ingest_version = $2 WHERE workspace_id = $1", [target.Id, version], cancellationToken)
                .ConfigureAwait(false);
            await connection.ExecuteAsync("UPDATE member_merges SET ingest_version = $2 WHERE workspace_id = $1", [target.Id, version], cancellationToken)
                .ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // This process's cached ingest state predates the copy; other processes see the bumped version.
            writer.State = null;
            _workspaces.TryRemove(target.Slug, out _);
            writer.Lock.Release();
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountStoredRowsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in StoredTables.Names)
        {
            counts[table] = await connection.ScalarAsync<long>(
                $"SELECT count(*) FROM {table} WHERE {StoredTables.WorkspaceFilter(table)}", [workspace.Id], cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    private static async Task WriteRowsAsync(
        NpgsqlBinaryImporter copy, Workspace target, StoredColumn[] columns, StoredTableChunk chunk, CancellationToken cancellationToken)
    {
        foreach (var row in chunk.Rows)
        {
            await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await copy.WriteAsync(target.Id, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columns.Length; i++)
            {
                var task = row[i] switch
                {
                    null => copy.WriteNullAsync(cancellationToken),
                    long number => copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
                    double number => copy.WriteAsync(number, NpgsqlDbType.Double, cancellationToken),
                    DateTime time => copy.WriteAsync(AsUtc(time), NpgsqlDbType.TimestampTz, cancellationToken),
                    Guid key => copy.WriteAsync(key, NpgsqlDbType.Uuid, cancellationToken),
                    int number => copy.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
                    bool flag => copy.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
                    DateOnly date => copy.WriteAsync(date, NpgsqlDbType.Date, cancellationToken),
                    string text => copy.WriteAsync(text, columns[i].Type == StoredColumnType.Json ? NpgsqlDbType.Json : NpgsqlDbType.Text, cancellationToken),
                    var other => throw new ArgumentException(
                        $"{chunk.Table}.{columns[i].Name} cannot hold a {other.GetType().Name}", nameof(chunk)),
                };
                await task.ConfigureAwait(false);
            }
        }
    }
}

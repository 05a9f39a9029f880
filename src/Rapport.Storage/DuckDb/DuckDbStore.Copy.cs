using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using Rapport.Core.Workspaces;

namespace Rapport.Storage.DuckDb;

/// <summary>Copying a workspace: its rows read from one snapshot, and written with the Appender in one transaction.</summary>
public sealed partial class DuckDbStore
{
    public async IAsyncEnumerable<StoredTableChunk> ExportAsync(Workspace workspace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Its own connection and transaction: every table is read from the same snapshot while ingest may go on.
        await using var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        foreach (var (table, columns) in StoredTables.All)
        {
            using var command = connection.Command(
                $"SELECT {StoredTables.SelectList(columns)} FROM {table} WHERE {StoredTables.WorkspaceFilter(table)}", workspace.Id);
            await using var registration = cancellationToken.Register(static state => ((DuckDBCommand)state!).Cancel(), command)
                .ConfigureAwait(false);
            using var reader = await Task.Run(command.ExecuteReader, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var rows = await Task.Run(() => StoredTables.ReadChunkAsync(reader, columns, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
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
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer.Scalar<bool>($"SELECT {StoredTables.AnyRowCondition}", target.Id))
            {
                throw new WorkspaceNotEmptyException(
                    $"the workspace '{target.Slug}' in {Description} already holds data; a copy goes only into an empty workspace");
            }

            using var transaction = _writer.BeginTransaction();
            try
            {
                var written = 0L;
                await foreach (var received in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    var chunk = ProtectSecrets(received);
                    await Task.Run(() => Append(target, chunk), cancellationToken).ConfigureAwait(false);
                    written += chunk.Rows.Count;
                    progress?.Report(written);
                }

                transaction.Commit();
            }
            finally
            {
                // What ingest and authentication remember of this workspace predates the copy: read it again.
                _ingestStates.Remove(target.Id);
                _authenticated.Clear();
                _workspaces.TryRemove(target.Slug, out _);
            }
        }
        finally
        {
            ReleaseWriter();
        }
    }

    public async Task<IReadOnlyDictionary<string, long>> CountStoredRowsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in StoredTables.Names)
        {
            counts[table] = await QueryAsync(
                $"SELECT count(*) FROM {table} WHERE {StoredTables.WorkspaceFilter(table)}", [workspace.Id],
                reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    private void Append(Workspace target, StoredTableChunk chunk)
    {
        var columns = StoredTables.Find(chunk.Table);
        if (chunk.Table == StoredTables.Workspaces)
        {
            foreach (var row in chunk.Rows)
            {
                _writer.Execute("UPDATE workspaces SET created_at = $1 WHERE id = $2", row[0], target.Id);
            }

            return;
        }

        using var appender = _writer.CreateAppender(chunk.Table);
        foreach (var row in chunk.Rows)
        {
            var appended = appender.CreateRow().AppendValue(target.Id);
            for (var i = 0; i < columns.Length; i++)
            {
                appended = row[i] switch
                {
                    null => appended.AppendNullValue(),
                    long number => appended.AppendValue(number),
                    double number => appended.AppendValue(number),
                    DateTime time => appended.AppendValue(time),
                    Guid key => appended.AppendValue(key),
                    string text => appended.AppendValue(text),
                    int number => appended.AppendValue(number),
                    bool flag => appended.AppendValue(flag),
                    DateOnly date => appended.AppendValue(date),
                    var other => throw new ArgumentException(
                        $"{chunk.Table}.{columns[i].Name} cannot hold a {other.GetType().Name}", nameof(chunk)),
                };
            }

            appended.EndRow();
        }
    }
}

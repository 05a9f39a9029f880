using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Rapport.Core.ApiKeys;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// The embedded default store: one DuckDB file, no server. One process owns the file; within it one ingest
/// session writes at a time while any number of readers query their own snapshot.
/// </summary>
public sealed partial class DuckDbStore : SqlStore, IRapportStore
{
    private readonly string _connectionString;
    private readonly DuckDBConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly Guid _opened = Guid.NewGuid();
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WorkspaceIngestState> _ingestStates = [];
    private readonly ConcurrentBag<DuckDBConnection> _readers = [];
    private readonly ConcurrentDictionary<string, ApiKeyGrant> _authenticated = new(StringComparer.Ordinal);
    private readonly bool _memoryLimited;
    private int _revocations;

    /// <summary>How many times the writer was let go (or a side write committed): the change marker's counter.</summary>
    private long _changes;

    private DuckDbStore(string path, DuckDBConnection writer, string connectionString, TimeProvider clock, bool memoryLimited)
    {
        Path = path;
        _memoryLimited = memoryLimited;
        _writer = writer;
        _connectionString = connectionString;
        _clock = clock;
    }

    public string Path { get; }

    public string Description => $"DuckDB {Path}";

    /// <summary>
    /// Opens (or creates) the DuckDB file and brings its schema up to date. <paramref name="memoryLimit"/> (such as
    /// <c>2GB</c>) caps DuckDB's own buffers; without it DuckDB takes up to 80 % of the machine's memory.
    /// </summary>
    public static DuckDbStore Open(string path, TimeProvider clock, string? memoryLimit = null)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var connectionString = $"Data Source={fullPath}";
        DuckDBConnection writer;
        try
        {
            writer = new DuckDBConnection(connectionString);
            writer.Open();
        }
        catch (DuckDBException e) when (e.Message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase))
        {
            // DuckDB lets one process at a time open a file for writing.
            throw new StoreOpenException(
                $"the DuckDB store {path} is in use by another process (is `rapport serve` running on it?); stop that process first.", e);
        }
        catch (DuckDBException e)
        {
            throw new StoreOpenException($"cannot open the DuckDB store {path}: {FirstLine(e.Message)}", e);
        }

        try
        {
            // DuckDB takes up to 80% of the machine's memory for its buffers unless told otherwise. A limit keeps
            // a shared server polite, but an import whose uncommitted rows do not fit in it fails (storing nothing).
            if (!string.IsNullOrWhiteSpace(memoryLimit))
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(memoryLimit, "^[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
                    System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                {
                    throw new StoreOpenException($"DuckDB's memory limit must be a size such as 512MB or 2GB, not '{memoryLimit}'");
                }

                // Checked above to be a plain size: a setting cannot be a query parameter.
                writer.Execute($"SET GLOBAL memory_limit = '{memoryLimit.Trim()}'");
            }

            DuckDbMigrator.Migrate(writer, clock.GetUtcNow().UtcDateTime);
            DuckDbIngestSession.CreateStagingTables(writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        var store = new DuckDbStore(path, writer, connectionString, clock, memoryLimited: !string.IsNullOrWhiteSpace(memoryLimit));
        try
        {
            store.ProtectPlaintextSecretsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return store;
    }

    public async Task<Workspace> GetOrCreateWorkspaceAsync(string slug, CancellationToken cancellationToken)
    {
        if (await FindWorkspaceAsync(slug, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        if (!Workspace.IsValidSlug(slug))
        {
            throw new ArgumentException(
                $"'{slug}' is not a workspace name: use lower-case letters, digits and dashes, starting with a letter", nameof(slug));
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var createdAt = Now();
            _writer.Execute("INSERT INTO workspaces (slug, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", slug, createdAt);
        }
        finally
        {
            ReleaseWriter();
        }

        return await FindWorkspaceAsync(slug, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"workspace {slug} was not created");
    }

    public async Task<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken)
    {
        if (_workspaces.TryGetValue(slug, out var cached))
        {
            return cached;
        }

        var found = await QueryAsync(
            "SELECT id, slug, created_at FROM workspaces WHERE slug = $1", [slug],
            reader => reader.Read() ? new Workspace(reader.GetInt32(0), reader.GetString(1), reader.GetNullableDateTime(2)!.Value) : null,
            cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            _workspaces.TryAdd(slug, found);
        }

        return found;
    }

    public async Task<IIngestSession> BeginIngestAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await GetIngestStateAsync(workspace, cancellationToken).ConfigureAwait(false);
            var transaction = _writer.BeginTransaction();
            return new DuckDbIngestSession(_writer, transaction, workspace, state, Now(), capBulkMemory: !_memoryLimited,
                forgetState: () => _ingestStates.Remove(workspace.Id),
                onEnd: committed =>
            {
                if (!committed)
                {
                    // Identity resolution ran ahead of the rolled-back rows; reload it from the store next time.
                    _ingestStates.Remove(workspace.Id);
                }

                ReleaseWriter();
            });
        }
        catch
        {
            ReleaseWriter();
            throw;
        }
    }

    public async Task SetJourneyMapAsync(Workspace workspace, JourneyMap map, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() => RederiveStages(workspace, map), cancellationToken).ConfigureAwait(false);
            if (_ingestStates.TryGetValue(workspace.Id, out var state))
            {
                state.Journey = map;
                state.StoredReach.Clear();
            }
        }
        finally
        {
            ReleaseWriter();
        }
    }

    public async Task<ApiKeyGrant?> AuthenticateApiKeyAsync(string plaintext, CancellationToken cancellationToken)
    {
        // This process owns the file, so nothing revokes a key behind its back: a key that authenticated stays
        // valid until RevokeApiKeyAsync clears the cache. Remembered by hash, never by plaintext.
        var fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));
        if (_authenticated.TryGetValue(fingerprint, out var remembered))
        {
            return remembered;
        }

        var revocations = Volatile.Read(ref _revocations);
        var grant = await FindApiKeyGrantAsync(plaintext, cancellationToken).ConfigureAwait(false);
        if (grant is not null && revocations == Volatile.Read(ref _revocations))
        {
            _authenticated[fingerprint] = grant;
        }

        return grant;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            while (_readers.TryTake(out var reader))
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Dispose();
        }
    }

    private async Task<WorkspaceIngestState> GetIngestStateAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (_ingestStates.TryGetValue(workspace.Id, out var cached))
        {
            return cached;
        }

        var journey = await GetJourneyMapAsync(workspace, cancellationToken).ConfigureAwait(false);
        var state = await Task.Run(() => LoadIngestState(workspace, journey), cancellationToken).ConfigureAwait(false);
        _ingestStates[workspace.Id] = state;
        return state;
    }

    private WorkspaceIngestState LoadIngestState(Workspace workspace, JourneyMap journey)
    {
        var graph = LoadIdentityGraph(workspace);
        var keyCount = _writer.Scalar<long>(
            "SELECT (SELECT count(*) FROM activities WHERE workspace_id = $1) + (SELECT count(*) FROM profile_updates WHERE workspace_id = $1)",
            workspace.Id);
        var keys = new MessageKeySet((int)keyCount);
        using (var command = _writer.Command(
            "SELECT message_key FROM activities WHERE workspace_id = $1 UNION ALL SELECT message_key FROM profile_updates WHERE workspace_id = $1",
            workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetGuid(0));
            }
        }

        return new WorkspaceIngestState(graph, keys, journey);
    }

    /// <summary>The workspace's identities and who a person kept apart, as the writer connection sees them.</summary>
    private IdentityGraph LoadIdentityGraph(Workspace workspace)
    {
        var identityCount = _writer.Scalar<long>("SELECT count(*) FROM identities WHERE workspace_id = $1", workspace.Id);
        // Ids of members absorbed by merges stay retired: member_merges still names them.
        var nextMember = _writer.Scalar<long>(
            """
            SELECT greatest(
              (SELECT coalesce(max(id), 0) FROM members WHERE workspace_id = $1),
              (SELECT coalesce(max(loser_id), 0) FROM member_merges WHERE workspace_id = $1)) + 1
            """,
            workspace.Id);
        var graph = new IdentityGraph(nextMember, nextIdentityId: 1, capacity: (int)identityCount);
        using (var command = _writer.Command("SELECT id, kind, value, member_id FROM identities WHERE workspace_id = $1", workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                graph.Load(new StoredIdentity(reader.GetInt64(0), Identity.Create(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
            }
        }

        using (var command = _writer.Command(KeptApartQuery, workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                graph.KeepApart(Identity.Create(reader.GetString(0), reader.GetString(1)), Identity.Create(reader.GetString(2), reader.GetString(3)));
            }
        }

        using (var command = _writer.Command(ErasedIdentitiesQuery, workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            graph.Erased = ReadErasedIdentities(reader);
        }

        return graph;
    }

    private protected override async Task<T> ChangeUnderIngestLockAsync<T>(
        Workspace workspace, bool identitiesChanged, Func<IWriterTransaction, JourneyMap, Task<T>> change, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var journey = _ingestStates.TryGetValue(workspace.Id, out var cached)
                ? cached.Journey
                : await GetJourneyMapAsync(workspace, cancellationToken).ConfigureAwait(false);
            using var transaction = _writer.BeginTransaction();
            var result = await change(new WriterTransaction(_writer), journey).ConfigureAwait(false);

            // The graph is read again inside the transaction, where the change is visible, and swapped in only once
            // the change is committed; the message keys ingest also keeps do not change.
            var graph = identitiesChanged && _ingestStates.ContainsKey(workspace.Id)
                ? await Task.Run(() => LoadIdentityGraph(workspace), cancellationToken).ConfigureAwait(false)
                : null;
            transaction.Commit();
            if (_ingestStates.TryGetValue(workspace.Id, out var state))
            {
                // Members were changed outside ingest; their rows are learned again as ingest next writes them.
                state.StoredReach.Clear();
                if (graph is not null)
                {
                    state.Identities = graph;
                }
            }

            return result;
        }
        finally
        {
            ReleaseWriter();
        }
    }

    private void RederiveStages(Workspace workspace, JourneyMap map)
    {
        using var transaction = _writer.BeginTransaction();
        _writer.Execute(
            """
            INSERT INTO journey_maps (workspace_id, definition, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (workspace_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            workspace.Id, map.ToJson(), Now());

        var types = new List<string>();
        using (var command = _writer.Command("SELECT DISTINCT type FROM activities WHERE workspace_id = $1", workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                types.Add(reader.GetString(0));
            }
        }

        _writer.Execute("CREATE OR REPLACE TEMP TABLE type_stages (type VARCHAR, stage INTEGER)");
        using (var appender = _writer.CreateAppender("type_stages"))
        {
            foreach (var type in types)
            {
                if (map.StageOf(type) is { } stage)
                {
                    appender.CreateRow().AppendValue(type).AppendValue((int)stage).EndRow();
                }
            }
        }

        // A stage is first reached by the earliest activity that maps to it or to any later stage.
        _writer.Execute(
            """
            UPDATE members SET
              discover_at = d.discover_at, evaluate_at = d.evaluate_at, learn_at = d.learn_at,
              build_at = d.build_at, scale_at = d.scale_at
            FROM (
              SELECT i.member_id,
                     min(a.occurred_at) FILTER (WHERE s.stage >= 0) AS discover_at,
                     min(a.occurred_at) FILTER (WHERE s.stage >= 1) AS evaluate_at,
                     min(a.occurred_at) FILTER (WHERE s.stage >= 2) AS learn_at,
                     min(a.occurred_at) FILTER (WHERE s.stage >= 3) AS build_at,
                     min(a.occurred_at) FILTER (WHERE s.stage >= 4) AS scale_at
              FROM activities a
              JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
              LEFT JOIN type_stages s ON s.type = a.type
              WHERE a.workspace_id = $1
              GROUP BY i.member_id
            ) d
            WHERE members.workspace_id = $1 AND members.id = d.member_id
            """,
            workspace.Id);
        _writer.Execute("DROP TABLE type_stages");
        transaction.Commit();
    }

    /// <summary>
    /// Forgets every key that authenticated. A lookup that read the key before the revocation committed sees the
    /// count change and does not remember its answer.
    /// </summary>
    private protected override void ApiKeysRevoked()
    {
        Interlocked.Increment(ref _revocations);
        _authenticated.Clear();
    }

    private protected override async Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        if (Snapshot is { } snapshot)
        {
            return await ((DuckDBConnection)snapshot.Connection!).QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
        }

        // Readers use their own connection (DuckDB shares one database per file within a process) and see the
        // last committed state, never a half-written ingest.
        // Connections are pooled: opening one per query costs more than a small query itself.
        if (!_readers.TryTake(out var connection))
        {
            connection = new DuckDBConnection(_connectionString);
            connection.Open();
        }

        try
        {
            return await connection.QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    private protected override async Task<T> WriteAsync<T>(
        string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _writer.QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseWriter();
        }
    }

    private protected override async Task ExecuteAsync(
        IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Run(() =>
            {
                using var transaction = _writer.BeginTransaction();
                foreach (var (sql, parameters) in statements)
                {
                    _writer.Execute(sql, parameters);
                }

                transaction.Commit();
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseWriter();
        }
    }

    private protected override Task<DbTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        // DuckDB's transactions are snapshots: a reader's transaction sees what was committed when it began.
        if (!_readers.TryTake(out var connection))
        {
            connection = new DuckDBConnection(_connectionString);
            connection.Open();
        }

        return Task.FromResult<DbTransaction>(connection.BeginTransaction());
    }

    private protected override ValueTask EndSnapshotAsync(DbTransaction transaction)
    {
        var connection = (DuckDBConnection)transaction.Connection!;
        transaction.Rollback();
        transaction.Dispose();
        _readers.Add(connection);
        return ValueTask.CompletedTask;
    }

    private protected override async Task ExecuteBesideIngestAsync(
        IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken)
    {
        // DuckDB lets several connections of one process write at once and only fails a commit whose rows another
        // transaction changed meanwhile. Ingest never writes these derived tables, so this transaction runs on a
        // connection of its own and the ingest writer never waits for it.
        await using var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await Task.Run(() =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (sql, parameters) in statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var command = connection.Command(sql, parameters);
                using var registration = cancellationToken.Register(static state => ((DuckDBCommand)state!).Cancel(), command);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _changes);
    }

    /// <summary>
    /// This process alone writes the file, so a counter of writes since it opened, with an id of this opening, is a
    /// change marker. Counting every release of the writer, even one that changed nothing, only costs a cache miss.
    /// </summary>
    public Task<string> GetChangeMarkerAsync(CancellationToken cancellationToken) =>
        Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"{_opened:N}.{Interlocked.Read(ref _changes)}"));

    private void ReleaseWriter()
    {
        Interlocked.Increment(ref _changes);
        _writeLock.Release();
    }

    private protected override DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private protected override string Median(string expression) => $"median({expression})";

    private protected override string SecondsBetween(string from, string to) => $"date_diff('microsecond', {from}, {to}) / 1e6";

    private protected override string JsonText(string column, string key) => $"json_extract_string({column}, '$.{key}')";

    private protected override string JsonValue(string column, string key) => $"CAST(json_extract({column}, '$.{key}') AS VARCHAR)";

    private protected override string JsonArrayStrings(string column) => $"SELECT unnest(json_extract_string({column}, '$[*]')) AS value";

    // max(x, n) keeps the n largest values with a small heap per group, in descending order.
    private protected override string NthLatest(string column, int n) => $"list_extract(max({column}, {n}), {n})";

    // DuckDB's weeks start on Monday (ISO 8601), and its timestamps are UTC already.
    private protected override string WeekStart(string column) => $"CAST(date_trunc('week', {column}) AS TIMESTAMP)";

    private protected override string ClaimRowsClause => "";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("unique constraint", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("primary key constraint", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>The writer connection, inside the transaction of a change made under the write lock.</summary>
    private sealed class WriterTransaction(DuckDBConnection connection) : IWriterTransaction
    {
        public Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
            connection.QueryAsync(sql, parameters, read, cancellationToken);

        public Task ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            connection.Execute(sql, parameters);
            return Task.CompletedTask;
        }
    }
}

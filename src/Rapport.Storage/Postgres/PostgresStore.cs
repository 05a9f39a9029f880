using System.Collections.Concurrent;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.ApiKeys;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;
using static Rapport.Storage.Postgres.PostgresConnectionExtensions;

namespace Rapport.Storage.Postgres;

/// <summary>
/// The store on a PostgreSQL server, which several Rapport processes may share. Each workspace has one writer at a
/// time across all of them (an advisory lock held by the ingest transaction); a process keeps the workspace's ingest
/// state in memory and reloads it when another process has committed since (the workspace's ingest version).
/// </summary>
public sealed partial class PostgresStore : SqlStore, IRapportStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, WorkspaceWriter> _writers = new();
    private int _ingestStateLoads;

    private PostgresStore(NpgsqlDataSource dataSource, string description, TimeProvider clock)
    {
        _dataSource = dataSource;
        Description = description;
        _clock = clock;
    }

    public string Description { get; }

    /// <summary>How often this process has read a workspace's whole identity graph, rather than caught up on it.</summary>
    internal int IngestStateLoads => Volatile.Read(ref _ingestStateLoads);

    /// <summary>
    /// Connects to the server a connection string (<c>Host=…;Database=…</c>) or URI
    /// (<c>postgres://user:password@host:port/database</c>) names and brings its schema up to date.
    /// </summary>
    public static PostgresStore Open(string location, TimeProvider clock)
    {
        var builder = ConnectionStringBuilder(location);
        var description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
        var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        try
        {
            PostgresMigrator.Migrate(dataSource, clock.GetUtcNow().UtcDateTime);
        }
        catch (NpgsqlException e)
        {
            dataSource.Dispose();
            throw new StoreOpenException($"cannot open the {description} store: {e.Message}", e);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }

        var store = new PostgresStore(dataSource, description, clock);
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

    /// <summary>An Npgsql connection string from either a connection string or a <c>postgres://</c> URI.</summary>
    public static NpgsqlConnectionStringBuilder ConnectionStringBuilder(string location)
    {
        if (!location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(location);
            }
            catch (ArgumentException e)
            {
                throw new StoreOpenException($"'--db' is not a valid PostgreSQL connection string: {e.Message}", e);
            }
        }

        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StoreOpenException("a PostgreSQL URI looks like postgres://user:password@host:5432/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            try
            {
                builder[key] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "true";
            }
            catch (ArgumentException e)
            {
                throw new StoreOpenException($"the PostgreSQL URI has an option Npgsql does not know: {key}", e);
            }
        }

        return builder;
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

        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await connection.ExecuteAsync(
                "INSERT INTO workspaces (slug, created_at) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING", [slug, Now()],
                cancellationToken).ConfigureAwait(false);
        }

        return await FindWorkspaceAsync(slug, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"workspace {slug} was not created");
    }

    public async Task<Workspace?> FindWorkspaceAsync(string slug, CancellationToken cancellationToken)
    {
        // Workspaces are never deleted or renamed, so one found stays valid for the life of the process.
        if (_workspaces.TryGetValue(slug, out var cached))
        {
            return cached;
        }

        var found = await QueryAsync(
            "SELECT id, slug, created_at FROM workspaces WHERE slug = $1", [slug],
            reader => reader.Read() ? new Workspace(reader.GetInt32(0), reader.GetString(1), reader.GetNullableUtc(2)!.Value) : null,
            cancellationToken).ConfigureAwait(false);
        if (found is not null)
        {
            _workspaces.TryAdd(slug, found);
        }

        return found;
    }

    public async Task<IIngestSession> BeginIngestAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(workspace.Id, static _ => new WorkspaceWriter());
        await writer.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var version = await LockForIngestAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            if (writer.State is not null && writer.Version != version
                && (writer.Version < await ReloadVersionAsync(connection, workspace, cancellationToken).ConfigureAwait(false)
                    || !await CatchUpAsync(connection, workspace, writer.State, writer.Version, cancellationToken).ConfigureAwait(false)))
            {
                writer.State = null;
            }

            if (writer.State is null)
            {
                writer.State = await LoadIngestStateAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _ingestStateLoads);
            }

            writer.Version = version;

            // The primary keys know every stored message key: each group of messages is checked against them, so
            // that the process holds only this session's keys.
            writer.State.ForgetMessageKeys();
            var opened = connection;
            connection = null;
            return new PostgresIngestSession(opened, transaction, workspace, writer.State, version, Now(),
                (keys, token) => FindStoredMessageKeysAsync(workspace, keys, token), onEnd: (committed, newVersion) =>
            {
                if (committed)
                {
                    writer.Version = newVersion;
                }
                else
                {
                    // Identity resolution ran ahead of the rolled-back rows; reload it from the store next time.
                    writer.State = null;
                }

                writer.Lock.Release();
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            writer.Lock.Release();
            throw;
        }
    }

    /// <summary>
    /// Takes the workspace's ingest lock for the connection's transaction and returns the workspace's ingest version,
    /// read after the lock so that it includes every commit of the writers before.
    /// </summary>
    private static async Task<long> LockForIngestAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", [PostgresLocks.Ingest, workspace.Id], cancellationToken)
            .ConfigureAwait(false);
        return await connection.ScalarAsync<long>(
            "SELECT coalesce((SELECT version FROM ingest_versions WHERE workspace_id = $1), 0)", [workspace.Id], cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The ingest version of the last change made by hand, which a cached graph older than it cannot catch up on.</summary>
    private static Task<long> ReloadVersionAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long>(
            "SELECT coalesce((SELECT reload_version FROM ingest_versions WHERE workspace_id = $1), 0)", [workspace.Id], cancellationToken);

    /// <summary>Counts a commit that changed the workspace's ingest state; other processes' caches are stale from here on.</summary>
    internal static Task<long> BumpIngestVersionAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long>(
            """
            INSERT INTO ingest_versions (workspace_id, version) VALUES ($1, 1)
            ON CONFLICT (workspace_id) DO UPDATE SET version = ingest_versions.version + 1
            RETURNING version
            """,
            [workspace.Id], cancellationToken);

    private static async Task<JourneyMap> ReadJourneyMapAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await connection.QueryAsync(
            "SELECT definition FROM journey_maps WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null,
            cancellationToken).ConfigureAwait(false);
        return json is null ? JourneyMap.Default : JourneyMap.Parse(json);
    }

    public async Task SetJourneyMapAsync(Workspace workspace, JourneyMap map, CancellationToken cancellationToken)
    {
        // Under the ingest lock: stage times are derived from the map, so no session may write with the old one
        // while members are re-derived with the new one.
        var writer = _writers.GetOrAdd(workspace.Id, static _ => new WorkspaceWriter());
        await writer.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var version = await LockForIngestAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            await RederiveStagesAsync(connection, workspace, map, cancellationToken).ConfigureAwait(false);
            var newVersion = await BumpIngestVersionAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (writer.State is not null && writer.Version == version)
            {
                writer.State.Journey = map;
                writer.Version = newVersion;
            }
            else
            {
                writer.State = null;
            }
        }
        finally
        {
            writer.Lock.Release();
        }
    }

    private async Task RederiveStagesAsync(NpgsqlConnection connection, Workspace workspace, JourneyMap map, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO journey_maps (workspace_id, definition, updated_at) VALUES ($1, $2, $3)
            ON CONFLICT (workspace_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """,
            [workspace.Id, Typed(map.ToJson(), NpgsqlDbType.Json), Now()], cancellationToken).ConfigureAwait(false);

        var types = await connection.QueryAsync(
            "SELECT DISTINCT type FROM activities WHERE workspace_id = $1", [workspace.Id],
            reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add(reader.GetString(0));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var staged = types.Select(type => (Type: type, Stage: map.StageOf(type))).Where(t => t.Stage is not null).ToList();

        // A stage is first reached by the earliest activity that maps to it or to any later stage.
        await connection.ExecuteAsync(
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
              LEFT JOIN unnest($2::text[], $3::integer[]) AS s(type, stage) ON s.type = a.type
              WHERE a.workspace_id = $1
              GROUP BY i.member_id
            ) d
            WHERE members.workspace_id = $1 AND members.id = d.member_id
            """,
            [
                workspace.Id,
                Typed(staged.Select(t => t.Type).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                Typed(staged.Select(t => (int)t.Stage!.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks the key up every time, unlike DuckDB: another process sharing the database may revoke it at any moment,
    /// and a revoked key must stop working at once. The lookup is one indexed query by prefix.
    /// </summary>
    public Task<ApiKeyGrant?> AuthenticateApiKeyAsync(string plaintext, CancellationToken cancellationToken) =>
        FindApiKeyGrantAsync(plaintext, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Wait for open sessions of this process to end before closing the pool under them.
        var writers = _writers.Values.ToArray();
        foreach (var writer in writers)
        {
            await writer.Lock.WaitAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        foreach (var writer in writers)
        {
            writer.Lock.Release();
            writer.Lock.Dispose();
        }
    }

    /// <summary>The workspace's identity graph and journey map, read inside the ingest transaction.</summary>
    private static async Task<WorkspaceIngestState> LoadIngestStateAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken)
    {
        var journey = await ReadJourneyMapAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
        var graph = await LoadIdentityGraphAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
        return new WorkspaceIngestState(graph, new MessageKeySet(), journey);
    }

    /// <summary>
    /// Brings a cached identity graph up to date with what other processes' ingest committed after
    /// <paramref name="version"/>: their merges, then every identity they added or moved, and the journey map. Returns
    /// <c>false</c> when an identity moved in a way no merge explains, which only a full reload gets right.
    /// </summary>
    private static async Task<bool> CatchUpAsync(
        NpgsqlConnection connection, Workspace workspace, WorkspaceIngestState state, long version, CancellationToken cancellationToken)
    {
        object?[] since = [workspace.Id, version];
        var graph = state.Identities;
        var merges = await connection.QueryAsync(
            "SELECT winner_id, loser_id FROM member_merges WHERE workspace_id = $1 AND ingest_version > $2 ORDER BY ingest_version, merged_at",
            since,
            reader =>
            {
                var list = new List<(long Winner, long Loser)>();
                while (reader.Read())
                {
                    list.Add((reader.GetInt64(0), reader.GetInt64(1)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        foreach (var (winner, loser) in merges)
        {
            graph.ApplyStoredMerge(winner, loser);
        }

        await using (var command = connection.Command(
            "SELECT id, kind, value, member_id FROM identities WHERE workspace_id = $1 AND ingest_version > $2", since))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var stored = new StoredIdentity(reader.GetInt64(0), Identity.Create(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3));
                if (graph.TryFind(stored.Identity, out _, out var member) && member != graph.Find(stored.MemberId))
                {
                    return false;
                }

                graph.Load(stored);
            }
        }

        state.Journey = await ReadJourneyMapAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The workspace's identities and who a person kept apart, as the connection's transaction sees them.</summary>
    private static async Task<IdentityGraph> LoadIdentityGraphAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken)
    {
        object?[] ws = [workspace.Id];
        var identityCount = await connection.ScalarAsync<long>("SELECT count(*) FROM identities WHERE workspace_id = $1", ws, cancellationToken)
            .ConfigureAwait(false);
        // Ids of members absorbed by merges stay retired: member_merges still names them.
        var nextMember = await connection.ScalarAsync<long>(
            """
            SELECT greatest(
              (SELECT coalesce(max(id), 0) FROM members WHERE workspace_id = $1),
              (SELECT coalesce(max(loser_id), 0) FROM member_merges WHERE workspace_id = $1)) + 1
            """,
            ws, cancellationToken).ConfigureAwait(false);
        var graph = new IdentityGraph(nextMember, nextIdentityId: 1, capacity: (int)identityCount);
        await using (var command = connection.Command("SELECT id, kind, value, member_id FROM identities WHERE workspace_id = $1", ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                graph.Load(new StoredIdentity(reader.GetInt64(0), Identity.Create(reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
            }
        }

        await using (var command = connection.Command(KeptApartQuery, ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                graph.KeepApart(Identity.Create(reader.GetString(0), reader.GetString(1)), Identity.Create(reader.GetString(2), reader.GetString(3)));
            }
        }

        await using (var command = connection.Command(ErasedIdentitiesQuery, ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            graph.Erased = ReadErasedIdentities(reader);
        }

        return graph;
    }

    private protected override async Task<T> ChangeUnderIngestLockAsync<T>(
        Workspace workspace, bool identitiesChanged, Func<IWriterTransaction, JourneyMap, Task<T>> change, CancellationToken cancellationToken)
    {
        var writer = _writers.GetOrAdd(workspace.Id, static _ => new WorkspaceWriter());
        await writer.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var version = await LockForIngestAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            var journey = await ReadJourneyMapAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            var result = await change(new WriterTransaction(connection), journey).ConfigureAwait(false);
            if (!identitiesChanged)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }

            // Other processes see the new version and reload; this one reads its graph again inside the transaction,
            // where the change is visible, and keeps its message keys, which a merge does not change.
            var newVersion = await BumpIngestVersionAsync(connection, workspace, cancellationToken).ConfigureAwait(false);

            // A change by hand (merge, split, undo, kept apart) is not a row-by-row change other processes can catch up
            // on: they read their whole graph again before their next session.
            await connection.ExecuteAsync("UPDATE ingest_versions SET reload_version = version WHERE workspace_id = $1", [workspace.Id],
                cancellationToken).ConfigureAwait(false);
            var graph = writer.State is not null && writer.Version == version
                ? await LoadIdentityGraphAsync(connection, workspace, cancellationToken).ConfigureAwait(false)
                : null;
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (graph is not null && writer.State is { } state)
            {
                state.Identities = graph;
                writer.Version = newVersion;
            }
            else
            {
                writer.State = null;
            }

            return result;
        }
        finally
        {
            writer.Lock.Release();
        }
    }

    /// <summary>Which of these message keys the workspace already stores, as an activity or a profile update.</summary>
    private Task<IReadOnlyCollection<Guid>> FindStoredMessageKeysAsync(Workspace workspace, Guid[] keys, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyCollection<Guid>>(
            """
            SELECT message_key FROM activities WHERE workspace_id = $1 AND message_key = ANY($2)
            UNION ALL
            SELECT message_key FROM profile_updates WHERE workspace_id = $1 AND message_key = ANY($2)
            """,
            [workspace.Id, Typed(keys, NpgsqlDbType.Array | NpgsqlDbType.Uuid)],
            reader =>
            {
                var stored = new List<Guid>();
                while (reader.Read())
                {
                    stored.Add(reader.GetGuid(0));
                }

                return stored;
            }, cancellationToken);

    private protected override async Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        if (Snapshot is { } snapshot)
        {
            return await ((NpgsqlConnection)snapshot.Connection!).QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<T> WriteAsync<T>(
        string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await connection.QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task ExecuteAsync(
        IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (sql, parameters) in statements)
        {
            await connection.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task<DbTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
                .ConfigureAwait(false);
            await connection.ExecuteAsync("SET TRANSACTION READ ONLY", [], cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async ValueTask EndSnapshotAsync(DbTransaction transaction)
    {
        var connection = transaction.Connection!;
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private protected override DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private protected override string Median(string expression) => $"percentile_cont(0.5) WITHIN GROUP (ORDER BY {expression})";

    private protected override string SecondsBetween(string from, string to) => $"extract(epoch FROM {to} - {from})::double precision";

    // PostgreSQL's readers never wait for writers: the ordinary transaction already leaves ingest alone.
    private protected override Task ExecuteBesideIngestAsync(
        IReadOnlyList<(string Sql, object?[] Parameters)> statements, CancellationToken cancellationToken) =>
        ExecuteAsync(statements, cancellationToken);

    private protected override string JsonText(string column, string key) => $"({column} ->> '{key}')";

    private protected override string JsonValue(string column, string key) => $"CAST({column} -> '{key}' AS text)";

    private protected override string JsonArrayStrings(string column) => $"SELECT json_array_elements_text({column}) AS value";

    private protected override string NthLatest(string column, int n) => $"(array_agg({column} ORDER BY {column} DESC))[{n}]";

    // date_trunc on timestamptz would cut at midnight of the session's time zone; weeks are UTC weeks.
    private protected override string WeekStart(string column) => $"date_trunc('week', {column} AT TIME ZONE 'UTC')";

    private protected override string ClaimRowsClause => " FOR UPDATE SKIP LOCKED";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>A connection inside the transaction of a change made under the workspace's ingest lock.</summary>
    private sealed class WriterTransaction(NpgsqlConnection connection) : IWriterTransaction
    {
        public Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
            connection.QueryAsync(sql, parameters, read, cancellationToken);

        public Task ExecuteAsync(string sql, object?[] parameters, CancellationToken cancellationToken) =>
            connection.ExecuteAsync(sql, parameters, cancellationToken);
    }

    /// <summary>
    /// One workspace's writer in this process: the ingest state it caches, the ingest version that state reflects,
    /// and the lock that lets one session of this process at a time ask the server for the workspace's advisory lock.
    /// </summary>
    private sealed class WorkspaceWriter
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public WorkspaceIngestState? State { get; set; }

        public long Version { get; set; }
    }
}

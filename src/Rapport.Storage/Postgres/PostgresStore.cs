using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Rapport.Core.ApiKeys;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
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

    private PostgresStore(NpgsqlDataSource dataSource, string description, TimeProvider clock)
    {
        _dataSource = dataSource;
        Description = description;
        _clock = clock;
    }

    public string Description { get; }

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

        return new PostgresStore(dataSource, description, clock);
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
            if (writer.State is null || writer.Version != version)
            {
                // Another process committed to this workspace since this one last did (or this one rolled back):
                // what is cached may miss identities, merges and message keys, so read them again.
                writer.State = null;
                writer.State = await LoadIngestStateAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
                writer.Version = version;
            }

            var opened = connection;
            connection = null;
            return new PostgresIngestSession(opened, transaction, workspace, writer.State, version, Now(), onEnd: (committed, newVersion) =>
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

    /// <summary>Counts a commit that changed the workspace's ingest state; other processes' caches are stale from here on.</summary>
    internal static Task<long> BumpIngestVersionAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken) =>
        connection.ScalarAsync<long>(
            """
            INSERT INTO ingest_versions (workspace_id, version) VALUES ($1, 1)
            ON CONFLICT (workspace_id) DO UPDATE SET version = ingest_versions.version + 1
            RETURNING version
            """,
            [workspace.Id], cancellationToken);

    public async Task<JourneyMap> GetJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadJourneyMapAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
    }

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

    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT count(discover_at), count(evaluate_at), count(learn_at), count(build_at), count(scale_at),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM evaluate_at - discover_at)::double precision),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM learn_at - evaluate_at)::double precision),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM build_at - learn_at)::double precision),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM scale_at - build_at)::double precision)
            FROM members
            WHERE workspace_id = $1
            """);
        var parameters = new List<object?> { workspace.Id };
        if (range.From is { } from)
        {
            parameters.Add(from);
            sql.Append(" AND first_activity_at >= $").Append(parameters.Count);
        }

        if (range.To is { } to)
        {
            parameters.Add(to);
            sql.Append(" AND first_activity_at < $").Append(parameters.Count);
        }

        return QueryAsync(sql.ToString(), [.. parameters], reader =>
        {
            reader.Read();
            Span<long> developers = stackalloc long[JourneyStages.Count];
            var medians = new double?[JourneyStages.Count];
            for (var i = 0; i < JourneyStages.Count; i++)
            {
                developers[i] = reader.GetInt64(i);
                medians[i] = i == 0 || reader.IsDBNull(JourneyStages.Count + i - 1) ? null : reader.GetDouble(JourneyStages.Count + i - 1);
            }

            return FunnelReport.FromCounts(developers, medians);
        }, cancellationToken);
    }

    public async Task<MemberProfile?> FindMemberAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken)
    {
        // One connection and one snapshot for the whole profile, so a merge committed meanwhile cannot split it.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        var memberId = await connection.QueryAsync(
            "SELECT member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
            [workspace.Id, identity.Kind, identity.Value],
            reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
            cancellationToken).ConfigureAwait(false);
        if (memberId is not { } id)
        {
            return null;
        }

        var identities = await connection.QueryAsync(
            "SELECT kind, value FROM identities WHERE workspace_id = $1 AND member_id = $2 ORDER BY kind, value",
            [workspace.Id, id],
            reader =>
            {
                var list = new List<string>();
                while (reader.Read())
                {
                    list.Add($"{reader.GetString(0)}:{reader.GetString(1)}");
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);

        var traits = await connection.QueryAsync(
            """
            SELECT t.key, t.value FROM traits t
            JOIN identities i ON i.workspace_id = t.workspace_id AND i.id = t.identity_id
            WHERE t.workspace_id = $1 AND i.member_id = $2
            ORDER BY t.updated_at, t.key
            """,
            [workspace.Id, id],
            reader =>
            {
                var map = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    using var value = JsonDocument.Parse(reader.GetString(1));
                    map[reader.GetString(0)] = value.RootElement.Clone();
                }

                return map;
            }, cancellationToken).ConfigureAwait(false);

        return await connection.QueryAsync(
            $"SELECT {MemberColumns} FROM members WHERE workspace_id = $1 AND id = $2",
            [workspace.Id, id],
            reader =>
            {
                if (!reader.Read())
                {
                    return null;
                }

                var progress = ReadProgress(reader);
                var reached = new SortedDictionary<JourneyStage, DateTime>();
                foreach (var stage in JourneyStages.All)
                {
                    if (progress.ReachedAt(stage) is { } at)
                    {
                        reached[stage] = at;
                    }
                }

                return new MemberProfile(id, MemberDisplayName.FromTraits(traits), identities, traits, progress.Stage, reached,
                    progress.ActivityCount, progress.FirstActivity, progress.LastActivity);
            }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkspaceStats> GetStatsAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            .ConfigureAwait(false);
        object?[] ws = [workspace.Id];
        var developers = await connection.QueryAsync("SELECT count(*) FROM members WHERE workspace_id = $1", ws,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var identified = await connection.QueryAsync(
            "SELECT count(DISTINCT member_id) FROM identities WHERE workspace_id = $1 AND kind <> 'anonymous'", ws,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var identities = await connection.QueryAsync(
            "SELECT kind, count(*) FROM identities WHERE workspace_id = $1 GROUP BY kind ORDER BY kind", ws,
            reader =>
            {
                var byKind = new SortedDictionary<string, long>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    byKind[reader.GetString(0)] = reader.GetInt64(1);
                }

                return byKind;
            }, cancellationToken).ConfigureAwait(false);
        var (activities, first, last) = await connection.QueryAsync(
            "SELECT count(*), min(occurred_at), max(occurred_at) FROM activities WHERE workspace_id = $1", ws,
            reader =>
            {
                reader.Read();
                return (reader.GetInt64(0), reader.GetNullableUtc(1), reader.GetNullableUtc(2));
            }, cancellationToken).ConfigureAwait(false);
        var top = await connection.QueryAsync(
            "SELECT type, count(*) AS n FROM activities WHERE workspace_id = $1 GROUP BY type ORDER BY n DESC, type LIMIT 10", ws,
            reader =>
            {
                var list = new List<ActivityTypeCount>();
                while (reader.Read())
                {
                    list.Add(new ActivityTypeCount(reader.GetString(0), reader.GetInt64(1)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        return new WorkspaceStats(developers, identified, developers - identified, identities, activities, top, first, last);
    }

    public async IAsyncEnumerable<MemberProgress> ReadMemberProgressAsync(Workspace workspace, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Command($"SELECT {MemberColumns} FROM members WHERE workspace_id = $1 ORDER BY id", workspace.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadProgress(reader);
        }
    }

    public async Task<CreatedApiKey> CreateApiKeyAsync(Workspace workspace, ApiKeyScope scope, string? name, CancellationToken cancellationToken)
    {
        var plaintext = ApiKeySecrets.Generate();
        var prefix = ApiKeySecrets.PrefixOf(plaintext)!;
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var createdAt = Now();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Keys are numbered per workspace; the lock keeps two processes from giving out the same number.
        await connection.ExecuteAsync("SELECT pg_advisory_xact_lock($1, $2)", [PostgresLocks.ApiKeys, workspace.Id], cancellationToken)
            .ConfigureAwait(false);
        var id = await connection.ScalarAsync<long>(
            "SELECT coalesce(max(id), 0) + 1 FROM api_keys WHERE workspace_id = $1", [workspace.Id], cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "INSERT INTO api_keys (workspace_id, id, prefix, sha256, scope, name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [workspace.Id, id, prefix, Convert.ToHexStringLower(ApiKeySecrets.Hash(plaintext)), ApiKeyScopes.Name(scope),
                Typed(trimmedName, NpgsqlDbType.Text), createdAt],
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKey(id, prefix, scope, trimmedName, createdAt, RevokedAt: null), plaintext);
    }

    public Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(Workspace workspace, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<ApiKey>>(
            $"SELECT {ApiKeyColumns} FROM api_keys WHERE workspace_id = $1 ORDER BY id", [workspace.Id],
            reader =>
            {
                var keys = new List<ApiKey>();
                while (reader.Read())
                {
                    keys.Add(ReadApiKey(reader));
                }

                return keys;
            }, cancellationToken);

    public async Task<ApiKey?> RevokeApiKeyAsync(Workspace workspace, string prefixOrId, CancellationToken cancellationToken)
    {
        var text = prefixOrId.Trim();
        long? id = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        object?[] parameters = [workspace.Id, text, Typed(id, NpgsqlDbType.Bigint)];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // Only an unrevoked key gets a revocation time, so revoking twice keeps the first time.
        await connection.ExecuteAsync(
            "UPDATE api_keys SET revoked_at = $4 WHERE workspace_id = $1 AND (prefix = $2 OR id = $3) AND revoked_at IS NULL",
            [.. parameters, Now()], cancellationToken).ConfigureAwait(false);
        return await connection.QueryAsync(
            $"SELECT {ApiKeyColumns} FROM api_keys WHERE workspace_id = $1 AND (prefix = $2 OR id = $3) ORDER BY id LIMIT 1",
            [workspace.Id, text, Typed(id, NpgsqlDbType.Bigint)],
            reader => reader.Read() ? ReadApiKey(reader) : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks the key up every time, unlike DuckDB: another process sharing the database may revoke it at any moment,
    /// and a revoked key must stop working at once. The lookup is one indexed query by prefix.
    /// </summary>
    public async Task<ApiKeyGrant?> AuthenticateApiKeyAsync(string plaintext, CancellationToken cancellationToken)
    {
        if (ApiKeySecrets.PrefixOf(plaintext) is not { } prefix)
        {
            return null;
        }

        var candidates = await QueryAsync(
            """
            SELECT k.workspace_id, w.slug, w.created_at, k.id, k.sha256, k.scope
            FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
            WHERE k.prefix = $1 AND k.revoked_at IS NULL
            """,
            [prefix],
            reader =>
            {
                var found = new List<(ApiKeyGrant Grant, string Sha256)>(1);
                while (reader.Read())
                {
                    var workspace = new Workspace(reader.GetInt32(0), reader.GetString(1), reader.GetNullableUtc(2)!.Value);
                    found.Add((new ApiKeyGrant(workspace, ApiKeyScopes.Parse(reader.GetString(5)), reader.GetInt64(3), prefix), reader.GetString(4)));
                }

                return found;
            }, cancellationToken).ConfigureAwait(false);

        foreach (var (grant, sha256) in candidates)
        {
            if (ApiKeySecrets.Matches(plaintext, Convert.FromHexString(sha256)))
            {
                return grant;
            }
        }

        return null;
    }

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

    private const string ApiKeyColumns = "id, prefix, scope, name, created_at, revoked_at";

    private static ApiKey ReadApiKey(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), ApiKeyScopes.Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetNullableUtc(4)!.Value, reader.GetNullableUtc(5));

    private const string MemberColumns =
        "first_activity_at, last_activity_at, activity_count, discover_at, evaluate_at, learn_at, build_at, scale_at";

    private static MemberProgress ReadProgress(DbDataReader reader)
    {
        Span<DateTime?> reached = new DateTime?[JourneyStages.Count];
        for (var i = 0; i < JourneyStages.Count; i++)
        {
            reached[i] = reader.GetNullableUtc(3 + i);
        }

        return MemberProgress.FromStored(reader.GetNullableUtc(0), reader.GetNullableUtc(1), reader.GetInt64(2), reached);
    }

    /// <summary>The workspace's identity graph, message keys and journey map, read inside the ingest transaction.</summary>
    private static async Task<WorkspaceIngestState> LoadIngestStateAsync(NpgsqlConnection connection, Workspace workspace, CancellationToken cancellationToken)
    {
        object?[] ws = [workspace.Id];
        var journey = await ReadJourneyMapAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
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

        var keyCount = await connection.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM activities WHERE workspace_id = $1) + (SELECT count(*) FROM profile_updates WHERE workspace_id = $1)",
            ws, cancellationToken).ConfigureAwait(false);
        var keys = new HashSet<Guid>((int)keyCount);
        await using (var command = connection.Command(
            "SELECT message_key FROM activities WHERE workspace_id = $1 UNION ALL SELECT message_key FROM profile_updates WHERE workspace_id = $1",
            ws))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(reader.GetGuid(0));
            }
        }

        return new WorkspaceIngestState(graph, keys, journey);
    }

    private protected override async Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
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

    private protected override DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    // date_trunc on timestamptz would cut at midnight of the session's time zone; weeks are UTC weeks.
    private protected override string WeekStart(string column) => $"date_trunc('week', {column} AT TIME ZONE 'UTC')";

    private protected override string ClaimRowsClause => " FOR UPDATE SKIP LOCKED";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

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

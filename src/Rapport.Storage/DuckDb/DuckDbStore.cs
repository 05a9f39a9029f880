using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Rapport.Core.ApiKeys;
using Rapport.Core.Funnel;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;
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
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<int, WorkspaceIngestState> _ingestStates = [];
    private readonly ConcurrentBag<DuckDBConnection> _readers = [];
    private readonly ConcurrentDictionary<string, ApiKeyGrant> _authenticated = new(StringComparer.Ordinal);

    private DuckDbStore(string path, DuckDBConnection writer, string connectionString, TimeProvider clock)
    {
        Path = path;
        _writer = writer;
        _connectionString = connectionString;
        _clock = clock;
    }

    public string Path { get; }

    public string Description => $"DuckDB {Path}";

    /// <summary>Opens (or creates) the DuckDB file and brings its schema up to date.</summary>
    public static DuckDbStore Open(string path, TimeProvider clock)
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
            if (MemoryLimit() is { } limit)
            {
                writer.Execute($"SET GLOBAL memory_limit = '{limit}'");
            }

            DuckDbMigrator.Migrate(writer, clock.GetUtcNow().UtcDateTime);
            DuckDbIngestSession.CreateStagingTables(writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return new DuckDbStore(path, writer, connectionString, clock);
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
            _writeLock.Release();
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
            return new DuckDbIngestSession(_writer, transaction, workspace, state, Now(), onEnd: committed =>
            {
                if (!committed)
                {
                    // Identity resolution ran ahead of the rolled-back rows; reload it from the store next time.
                    _ingestStates.Remove(workspace.Id);
                }

                _writeLock.Release();
            });
        }
        catch
        {
            _writeLock.Release();
            throw;
        }
    }

    public async Task<JourneyMap> GetJourneyMapAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var json = await QueryAsync(
            "SELECT definition FROM journey_maps WHERE workspace_id = $1", [workspace.Id],
            reader => reader.Read() ? reader.GetString(0) : null,
            cancellationToken).ConfigureAwait(false);
        return json is null ? JourneyMap.Default : JourneyMap.Parse(json);
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
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<FunnelReport> GetFunnelAsync(Workspace workspace, DateRange range, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT count(discover_at), count(evaluate_at), count(learn_at), count(build_at), count(scale_at),
                   median(date_diff('microsecond', discover_at, evaluate_at) / 1e6),
                   median(date_diff('microsecond', evaluate_at, learn_at) / 1e6),
                   median(date_diff('microsecond', learn_at, build_at) / 1e6),
                   median(date_diff('microsecond', build_at, scale_at) / 1e6)
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
        var memberId = await QueryAsync(
            "SELECT member_id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3",
            [workspace.Id, identity.Kind, identity.Value],
            reader => reader.Read() ? reader.GetInt64(0) : (long?)null,
            cancellationToken).ConfigureAwait(false);
        if (memberId is not { } id)
        {
            return null;
        }

        var identities = await QueryAsync(
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

        var traits = await QueryAsync(
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

        return await QueryAsync(
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
        object?[] ws = [workspace.Id];
        var developers = await QueryAsync("SELECT count(*) FROM members WHERE workspace_id = $1", ws,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var identified = await QueryAsync(
            "SELECT count(DISTINCT member_id) FROM identities WHERE workspace_id = $1 AND kind <> 'anonymous'", ws,
            reader => reader.Read() ? reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
        var identities = await QueryAsync(
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
        var (activities, first, last) = await QueryAsync(
            "SELECT count(*), min(occurred_at), max(occurred_at) FROM activities WHERE workspace_id = $1", ws,
            reader =>
            {
                reader.Read();
                return (reader.GetInt64(0), reader.GetNullableDateTime(1), reader.GetNullableDateTime(2));
            }, cancellationToken).ConfigureAwait(false);
        var top = await QueryAsync(
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
        var all = await QueryAsync($"SELECT {MemberColumns} FROM members WHERE workspace_id = $1 ORDER BY id", [workspace.Id], reader =>
        {
            var list = new List<MemberProgress>();
            while (reader.Read())
            {
                list.Add(ReadProgress(reader));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        foreach (var progress in all)
        {
            yield return progress;
        }
    }

    public async Task<CreatedApiKey> CreateApiKeyAsync(Workspace workspace, ApiKeyScope scope, string? name, CancellationToken cancellationToken)
    {
        var plaintext = ApiKeySecrets.Generate();
        var prefix = ApiKeySecrets.PrefixOf(plaintext)!;
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var createdAt = Now();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = _writer.Scalar<long>("SELECT coalesce(max(id), 0) + 1 FROM api_keys WHERE workspace_id = $1", workspace.Id);
            _writer.Execute(
                "INSERT INTO api_keys (workspace_id, id, prefix, sha256, scope, name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                workspace.Id, id, prefix, Convert.ToHexStringLower(ApiKeySecrets.Hash(plaintext)), ApiKeyScopes.Name(scope), trimmedName, createdAt);
            return new CreatedApiKey(new ApiKey(id, prefix, scope, trimmedName, createdAt, RevokedAt: null), plaintext);
        }
        finally
        {
            _writeLock.Release();
        }
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
        _authenticated.Clear();
        var text = prefixOrId.Trim();
        long? id = long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Only an unrevoked key gets a revocation time, so revoking twice keeps the first time.
            _writer.Execute(
                "UPDATE api_keys SET revoked_at = $4 WHERE workspace_id = $1 AND (prefix = $2 OR id = $3) AND revoked_at IS NULL",
                workspace.Id, text, id, Now());
        }
        finally
        {
            _writeLock.Release();
        }

        return await QueryAsync(
            $"SELECT {ApiKeyColumns} FROM api_keys WHERE workspace_id = $1 AND (prefix = $2 OR id = $3) ORDER BY id LIMIT 1",
            [workspace.Id, text, id],
            reader => reader.Read() ? ReadApiKey(reader) : null,
            cancellationToken).ConfigureAwait(false);
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

        var grant = await FindGrantAsync(plaintext, cancellationToken).ConfigureAwait(false);
        if (grant is not null)
        {
            _authenticated[fingerprint] = grant;
        }

        return grant;
    }

    private async Task<ApiKeyGrant?> FindGrantAsync(string plaintext, CancellationToken cancellationToken)
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
                    var workspace = new Workspace(reader.GetInt32(0), reader.GetString(1), reader.GetNullableDateTime(2)!.Value);
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
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private const string ApiKeyColumns = "id, prefix, scope, name, created_at, revoked_at";

    private static ApiKey ReadApiKey(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), ApiKeyScopes.Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetNullableDateTime(4)!.Value, reader.GetNullableDateTime(5));

    private const string MemberColumns =
        "first_activity_at, last_activity_at, activity_count, discover_at, evaluate_at, learn_at, build_at, scale_at";

    private static MemberProgress ReadProgress(DbDataReader reader)
    {
        Span<DateTime?> reached = new DateTime?[JourneyStages.Count];
        for (var i = 0; i < JourneyStages.Count; i++)
        {
            reached[i] = reader.GetNullableDateTime(3 + i);
        }

        return MemberProgress.FromStored(reader.GetNullableDateTime(0), reader.GetNullableDateTime(1), reader.GetInt64(2), reached);
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

        var keyCount = _writer.Scalar<long>(
            "SELECT (SELECT count(*) FROM activities WHERE workspace_id = $1) + (SELECT count(*) FROM profile_updates WHERE workspace_id = $1)",
            workspace.Id);
        var keys = new HashSet<Guid>((int)keyCount);
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

    private protected override async Task<T> QueryAsync<T>(string sql, object?[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
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
            _writeLock.Release();
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
            _writeLock.Release();
        }
    }

    private protected override DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    // DuckDB's weeks start on Monday (ISO 8601), and its timestamps are UTC already.
    private protected override string WeekStart(string column) => $"CAST(date_trunc('week', {column}) AS TIMESTAMP)";

    private protected override string ClaimRowsClause => "";

    private protected override bool IsUniqueViolation(DbException exception) =>
        exception.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("unique constraint", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("primary key constraint", StringComparison.OrdinalIgnoreCase);

    /// <summary>DuckDB's memory limit from <c>RAPPORT_DUCKDB_MEMORY_LIMIT</c> (e.g. <c>2GB</c>), or none: DuckDB's default.</summary>
    private static string? MemoryLimit()
    {
        var configured = Environment.GetEnvironmentVariable("RAPPORT_DUCKDB_MEMORY_LIMIT")?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return null;
        }

        return System.Text.RegularExpressions.Regex.IsMatch(configured, "^[0-9]+(\\.[0-9]+)?\\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            ? configured
            : throw new StoreOpenException($"RAPPORT_DUCKDB_MEMORY_LIMIT must be a size such as 512MB or 2GB, not '{configured}'");
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

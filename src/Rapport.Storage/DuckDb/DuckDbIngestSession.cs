using System.Runtime;
using DuckDB.NET.Data;
using Rapport.Core.Activities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage.DuckDb;

/// <summary>
/// An ingest inside one DuckDB transaction. Rows whose ids never change (identities, activities, traits) are
/// appended in chunks as messages arrive; member rows, which merges can still change, are written at commit.
/// Activities, nine rows in ten of an import, are filled into DuckDB data chunks by the thread that resolves them, so
/// that the writer's thread only hands them to DuckDB (<see cref="DuckDbChunkAppender"/>).
/// </summary>
internal sealed class DuckDbIngestSession : IIngestSession
{
    /// <summary>
    /// Pending rows handed to the writer at a time. Small, so that a chunk's rows die young: at 50,000 every row
    /// outlived several collections and the collector's copying cost a third of the import's CPU (docs/benchmarks.md,
    /// fifth round). The Appenders stay open across chunks, so a small chunk costs no extra flush.
    /// </summary>
    private const int FlushThreshold = 4_096;

    /// <summary>
    /// DuckDB's memory limit while a bulk import runs, unless one is configured. A transaction's uncommitted rows
    /// are written ahead to the database file or spilled to its temporary directory once the limit is reached, so
    /// the limit bounds DuckDB's share of an import's memory without failing it (measured: 10 million messages).
    /// </summary>
    internal const string BulkMemoryLimit = "128MB";

    /// <summary>
    /// The limit while a bulk import commits: applying a million trait updates fails under 128 MB (measured at ten
    /// million messages), and by then the ingest state is released, so DuckDB may use more.
    /// </summary>
    internal const string BulkCommitMemoryLimit = "256MB";

    /// <summary>Adds every updated row's whole progress.</summary>
    private static readonly string AddProgressSql = SqlStore.AddMemberProgressSql("member_progress p");

    /// <summary>Adds every updated row's last activity and count (<see cref="StoredMemberReach"/>).</summary>
    private static readonly string AddActivitySql =
        $"""
        UPDATE members SET
          {SqlStore.FoldActivity("p")}
        FROM member_progress p
        WHERE members.workspace_id = $1 AND members.id = p.id
        """;

    /// <summary>Folds the rest of the progress of the rows that move, and returns what the rows then hold.</summary>
    private static readonly string MoveReachedSql =
        $"""
        UPDATE members SET
          {SqlStore.FoldReached("p")}
        FROM member_progress p
        WHERE members.workspace_id = $1 AND members.id = p.id AND p.moves
        RETURNING id, {SqlStore.MemberProgressColumns}
        """;

    /// <summary>The columns of the activities table, every one filled by <see cref="FillActivity"/>.</summary>
    private const int ActivityColumns = 16;

    /// <summary>Heap fragmentation a bulk import tolerates before it compacts (<see cref="CompactWhenFragmented"/>).</summary>
    private const long MaxFragmentedBytes = 96L << 20;

    private readonly DuckDBConnection _connection;
    private readonly DuckDBTransaction _transaction;
    private readonly Workspace _workspace;
    private readonly IngestBatch _batch;
    private readonly Action<bool> _onEnd;
    private readonly Action _forgetState;
    private readonly WorkspaceIngestState _state;
    private readonly DuckDbRowAppenders _appenders;
    private DuckDbChunkAppender? _activityRows;
    private Task _writing = Task.CompletedTask;
    private long _traitSequence;
    private bool _stagedTraits;
    private bool _capBulkMemory;
    private bool _bulk;
    private bool _bulkMemoryCapped;
    private bool _ended;

    public DuckDbIngestSession(
        DuckDBConnection connection, DuckDBTransaction transaction, Workspace workspace, WorkspaceIngestState state,
        DateTime receivedAt, bool capBulkMemory, Action forgetState, Action<bool> onEnd)
    {
        _state = state;
        _forgetState = forgetState;
        _connection = connection;
        _capBulkMemory = capBulkMemory;
        _transaction = transaction;
        _workspace = workspace;
        _batch = new IngestBatch(state, receivedAt);
        _appenders = new DuckDbRowAppenders(connection);
        _onEnd = onEnd;
    }

    public IngestSummary Summary => _batch.Summary;

    public async ValueTask AddAsync(IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var message in messages)
        {
            _batch.Add(message);
        }

        // Suspects are settled before this call returns, so that its summary counts its duplicates (the git import
        // tells commits imported before by them); the rows written so far must be complete for the look-up.
        if (_batch.HasSuspects)
        {
            await _writing.ConfigureAwait(false);
            ConfirmSuspects();
        }

        if (_batch.PendingCount >= FlushThreshold)
        {
            // One chunk is written in the background while the next is resolved; waiting for the previous write
            // first keeps at most two chunks in memory and the connection used by one thread at a time.
            await _writing.ConfigureAwait(false);
            _bulk = true;
            CapBulkMemory();
            CompactWhenFragmented();
            var (pending, activities) = TakePending();
            _writing = Task.Run(() => Write(pending, activities), CancellationToken.None);
        }
    }

    public async Task<IngestSummary> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        cancellationToken.ThrowIfCancellationRequested();
        await _writing.ConfigureAwait(false);
        ConfirmSuspects();
        var (pending, activities) = TakePending();
        Write(pending, activities);
        FlushAppenders();
        var members = _batch.CompleteMembers();
        if (_bulk)
        {
            ReleaseIngestState();
        }

        if (_bulkMemoryCapped)
        {
            _connection.Execute($"SET GLOBAL memory_limit = '{BulkCommitMemoryLimit}'");
        }

        var (moves, moved) = WriteMembers(members);
        ApplyTraits();
        _transaction.Commit();
        RememberMembers(members, moves, moved);
        End(committed: true);
        return _batch.Summary;
    }

    public async ValueTask DisposeAsync()
    {
        if (_ended)
        {
            return;
        }

        try
        {
            // A failed background write is already reported by AddAsync or CommitAsync; here only the rollback matters.
            await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                FlushAppenders();
            }
            catch (Exception e) when (e is DuckDBException or DuckDbAppendException)
            {
                // Rows that cannot be flushed are rolled back with the rest.
            }

            _transaction.Rollback();
        }
        finally
        {
            End(committed: false);
        }
    }

    private void End(bool committed)
    {
        _ended = true;
        _activityRows?.Dispose();
        _transaction.Dispose();
        try
        {
            if (_bulkMemoryCapped)
            {
                _connection.Execute("RESET GLOBAL memory_limit");
            }
        }
        catch (DuckDBException)
        {
            // The session's outcome is decided; a limit left lower than DuckDB's default only costs speed, and the
            // next bulk import resets it again.
        }
        finally
        {
            _onEnd(committed);
        }
    }

    /// <summary>
    /// A bulk import's commit runs its largest SQL (member rows, traits) while the identity graph and the
    /// message keys are no longer needed: the store stops keeping them (the next session loads them from the store,
    /// a cost only after a bulk import) and a compacting collection gives their memory back to the system before
    /// DuckDB asks for its own. Measured at ten million messages: see docs/benchmarks.md, fourth round.
    /// </summary>
    private void ReleaseIngestState()
    {
        _forgetState();
        _state.Release();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>
    /// A bulk import keeps its ingest state (message keys, identities, members' progress) for the whole file while
    /// chunk after chunk of rows dies; background collections never compact, so the holes between the survivors grow
    /// to 200 MiB at ten million messages, the import's peak. A blocking compacting collection gives them back once
    /// they pass <see cref="MaxFragmentedBytes"/> (measured: docs/benchmarks.md, fifth round).
    /// </summary>
    private static void CompactWhenFragmented()
    {
        if (GC.GetGCMemoryInfo().FragmentedBytes > MaxFragmentedBytes)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Only a session that grows beyond one chunk — a file import, not an HTTP request — lowers DuckDB's memory
    /// limit, and it gives it back when it ends; readers of a served store meanwhile share the lower limit.
    /// </summary>
    private void CapBulkMemory()
    {
        if (!_capBulkMemory)
        {
            return;
        }

        _capBulkMemory = false;
        _connection.Execute($"SET GLOBAL memory_limit = '{BulkMemoryLimit}'");
        _bulkMemoryCapped = true;
    }

    /// <summary>
    /// Settles the messages whose key fingerprints were already known: their full keys are looked up among the rows
    /// stored and written so far in this transaction. Without an index on the large tables this scans their message
    /// keys, so it runs only when fingerprints repeat: a message sent again, or one collision in millions.
    /// </summary>
    private void ConfirmSuspects()
    {
        if (!_batch.HasSuspects)
        {
            return;
        }

        FlushAppenders();
        using (var appender = _connection.CreateAppender("suspect_keys"))
        {
            foreach (var key in _batch.SuspectKeys())
            {
                appender.CreateRow().AppendValue(key).EndRow();
            }
        }

        var stored = new List<Guid>();
        using (var command = _connection.Command(
            """
            SELECT message_key FROM activities WHERE workspace_id = $1 AND message_key IN (SELECT message_key FROM suspect_keys)
            UNION ALL
            SELECT message_key FROM profile_updates WHERE workspace_id = $1 AND message_key IN (SELECT message_key FROM suspect_keys)
            """,
            _workspace.Id))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                stored.Add(reader.GetGuid(0));
            }
        }

        _connection.Execute("DELETE FROM suspect_keys");
        _batch.ConfirmSuspects(stored);
    }

    /// <summary>
    /// Takes the rows the batch can write now, with its activities already filled into data chunks: on the thread that
    /// resolves, so that the writer's thread only appends them.
    /// </summary>
    private (PendingWrites Pending, List<DuckDbChunkAppender.Chunk> Activities) TakePending()
    {
        var pending = _batch.TakePending();
        if (pending.Activities.Count == 0)
        {
            return (pending, []);
        }

        _activityRows ??= OpenActivityRows();
        var chunks = new List<DuckDbChunkAppender.Chunk>((pending.Activities.Count / DuckDbChunkAppender.RowsPerChunk) + 1);
        var chunk = _activityRows.Rent();
        chunks.Add(chunk);
        foreach (var activity in pending.Activities)
        {
            if (chunk.IsFull)
            {
                chunk.Complete();
                chunk = _activityRows.Rent();
                chunks.Add(chunk);
            }

            FillActivity(chunk, chunk.NextRow(), activity);
        }

        chunk.Complete();

        // The activities live on as chunks only; the records can go with the next collection.
        return (pending with { Activities = [] }, chunks);
    }

    /// <summary>The activities' Appender; opened while no write runs, as it looks the table up on the connection.</summary>
    private DuckDbChunkAppender OpenActivityRows()
    {
        var rows = new DuckDbChunkAppender(_connection, "activities");
        if (rows.ColumnCount != ActivityColumns)
        {
            rows.Dispose();
            throw new InvalidOperationException($"the activities table has {rows.ColumnCount} columns; this version of Rapport writes {ActivityColumns}");
        }

        return rows;
    }

    /// <summary>One activity row, in the column order of the activities table (migration 0001).</summary>
    private void FillActivity(DuckDbChunkAppender.Chunk chunk, int row, ActivityRecord activity)
    {
        var context = activity.Context;
        chunk.SetInt32(0, row, _workspace.Id);
        chunk.SetUuid(1, row, activity.MessageKey);
        chunk.SetText(2, row, activity.MessageId);
        chunk.SetInt64(3, row, activity.IdentityId);
        chunk.SetText(4, row, activity.Type);
        chunk.SetTimestamp(5, row, activity.OccurredAt);
        chunk.SetTimestamp(6, row, activity.ReceivedAt);
        chunk.SetText(7, row, activity.Source);
        chunk.SetText(8, row, context.Channel);
        chunk.SetText(9, row, context.Url);
        chunk.SetText(10, row, context.Referrer);
        chunk.SetText(11, row, context.Title);
        chunk.SetText(12, row, context.UserAgent);
        chunk.SetText(13, row, context.Ip);
        chunk.SetText(14, row, context.CampaignJson);
        chunk.SetText(15, row, activity.PropertiesJson);
    }

    /// <summary>Flushes and closes every open Appender, the activities' too: their rows are then visible to the session's SQL.</summary>
    private void FlushAppenders()
    {
        try
        {
            _activityRows?.Flush();
        }
        finally
        {
            _appenders.Flush();
        }
    }

    private void Write(PendingWrites pending, List<DuckDbChunkAppender.Chunk> activities)
    {
        var ws = _workspace.Id;

        // AppendRow fills the Appender's one reusable row; CreateRow would allocate a row object for every row.
        if (pending.Identities.Count > 0)
        {
            var appender = _appenders.For("identities");
            foreach (var identity in pending.Identities)
            {
                appender.AppendRow((_appenders, ws, identity), static (row, s) =>
                {
                    var (appenders, ws, identity) = s;
                    row.AppendValue(ws).AppendValue(identity.Id).AppendValue(identity.MemberId);
                    appenders.Text(row, identity.Identity.Kind, identity.Identity.Value).AppendValue(identity.FirstSeen);
                });
            }
        }

        foreach (var chunk in activities)
        {
            _activityRows!.Append(chunk);
        }

        if (pending.ProfileUpdates.Count > 0)
        {
            var appender = _appenders.For("profile_updates");
            foreach (var update in pending.ProfileUpdates)
            {
                appender.AppendRow((ws, update), static (row, s) =>
                {
                    var (ws, update) = s;
                    row.AppendValue(ws).AppendValue(update.MessageKey).AppendValue(update.MessageId)
                        .AppendValue(MessageKindText.Of(update.Kind)).AppendValue(update.IdentityId)
                        .AppendValue(update.OccurredAt).AppendValue(update.ReceivedAt).AppendValue(update.GroupId).AppendValue(update.TraitsJson);
                });
            }
        }

        if (pending.Traits.Count > 0)
        {
            WriteTraits(pending.Traits);
        }

        if (pending.Suggestions.Count > 0 || pending.Tags.Count > 0)
        {
            FlushAppenders();
        }

        // Suggestions are numbered per workspace; the session holds the writer, so the next number is the highest plus one.
        foreach (var suggestion in pending.Suggestions)
        {
            _connection.Execute(
                """
                INSERT INTO merge_suggestions (workspace_id, id, identity_id, other_identity_id, rule, confidence, reason, suggested_at)
                SELECT $1, coalesce(max(id), 0) + 1, $2, $3, $4, $5, $6, $7 FROM merge_suggestions WHERE workspace_id = $1
                ON CONFLICT DO NOTHING
                """,
                ws, suggestion.IdentityId, suggestion.OtherIdentityId, suggestion.Rule, suggestion.Confidence, suggestion.Reason,
                suggestion.SuggestedAt);
        }

        foreach (var tag in pending.Tags)
        {
            _connection.Execute(
                "INSERT INTO member_tags (workspace_id, identity_id, tag, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                ws, tag.IdentityId, tag.Tag, tag.At);
        }
    }

    /// <summary>Stages trait updates; they are applied once, at commit, by <see cref="ApplyTraits"/>.</summary>
    private void WriteTraits(IReadOnlyList<TraitUpdate> traits)
    {
        _stagedTraits = true;

        var appender = _appenders.For("trait_updates");
        foreach (var trait in traits)
        {
            appender.AppendRow((_appenders, trait, _traitSequence++), static (row, s) =>
            {
                var (appenders, trait, sequence) = s;
                appenders.Text(row.AppendValue(trait.IdentityId), trait.Key, trait.ValueJson).AppendValue(trait.UpdatedAt).AppendValue(sequence);
            });
        }
    }

    private void ApplyTraits()
    {
        if (!_stagedTraits)
        {
            return;
        }

        // Per identity and key the latest update wins; among updates at the same time, the one that arrived last. The
        // order is one 128-bit number, the time above the arrival: arg_max over it takes two thirds of the time it
        // takes over a (time, arrival) struct (docs/benchmarks.md, sixth round).
        const string latest =
            """
            SELECT identity_id, key, arg_max(value, epoch_us(updated_at)::HUGEINT * 18446744073709551616 + seq) AS value,
                   max(updated_at) AS updated_at
            FROM trait_updates GROUP BY identity_id, key
            """;

        // A workspace with no traits stored yet (a first import) takes the latest values as they are: the replacing
        // below, an anti-join over every staged key, cost more than the aggregation itself.
        if (!_connection.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM traits WHERE workspace_id = $1)", _workspace.Id))
        {
            _connection.Execute($"INSERT INTO traits (workspace_id, identity_id, key, value, updated_at) SELECT $1, * FROM ({latest})", _workspace.Id);
            _connection.Execute("DELETE FROM trait_updates");
            return;
        }

        // Without a unique key to upsert on, a newer value replaces the stored one by delete and insert.
        _connection.Execute($"INSERT INTO latest_traits {latest}");
        _connection.Execute(
            """
            DELETE FROM traits USING latest_traits l
            WHERE traits.workspace_id = $1 AND traits.identity_id = l.identity_id AND traits.key = l.key
              AND traits.updated_at <= l.updated_at
            """,
            _workspace.Id);
        _connection.Execute(
            """
            INSERT INTO traits (workspace_id, identity_id, key, value, updated_at)
            SELECT $1, l.identity_id, l.key, l.value, l.updated_at FROM latest_traits l
            WHERE NOT EXISTS (
              SELECT 1 FROM traits t WHERE t.workspace_id = $1 AND t.identity_id = l.identity_id AND t.key = l.key)
            """,
            _workspace.Id);
        _connection.Execute("DELETE FROM latest_traits");
        _connection.Execute("DELETE FROM trait_updates");
    }

    /// <summary>
    /// The writer connection's staging tables, created once per connection rather than per commit: creating and
    /// dropping tables are catalog changes, which would cost every small commit (an HTTP request) dearly.
    /// Each commit empties what it staged; a rollback undoes it.
    /// </summary>
    public static void CreateStagingTables(DuckDBConnection connection)
    {
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS trait_updates (identity_id BIGINT, key VARCHAR, value VARCHAR, updated_at TIMESTAMP, seq BIGINT)");
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS latest_traits (identity_id BIGINT, key VARCHAR, value VARCHAR, updated_at TIMESTAMP)");
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS member_merge (loser_id BIGINT, winner_id BIGINT)");
        connection.Execute("CREATE TEMP TABLE IF NOT EXISTS suspect_keys (message_key UUID)");
        connection.Execute(
            """
            CREATE TEMP TABLE IF NOT EXISTS member_progress (
              id BIGINT, created_at TIMESTAMP, first_activity_at TIMESTAMP, last_activity_at TIMESTAMP, activity_count BIGINT,
              discover_at TIMESTAMP, evaluate_at TIMESTAMP, learn_at TIMESTAMP, build_at TIMESTAMP, scale_at TIMESTAMP,
              first_touch_channel VARCHAR, moves BOOLEAN)
            """);
    }

    /// <summary>Writes the member rows; returns which updated rows moved and what they then hold.</summary>
    private (bool[] Moves, List<(long MemberId, MemberProgress Stored)> Moved) WriteMembers(MemberChanges changes)
    {
        var ws = _workspace.Id;
        if (changes.Created.Count > 0)
        {
            using var appender = _connection.CreateAppender("members");
            foreach (var (memberId, progress) in changes.Created)
            {
                AppendProgress(appender.CreateRow().AppendValue(ws).AppendValue(memberId).AppendValue(changes.At), progress)
                    .AppendValue(progress.FirstTouchChannel).AppendValue(progress.FirstActivity).EndRow();
            }
        }

        if (changes.Merged.Count > 0)
        {
            using (var appender = _connection.CreateAppender("member_merge"))
            {
                foreach (var (loser, winner) in changes.Merged)
                {
                    appender.CreateRow().AppendValue(loser).AppendValue(winner).EndRow();
                }
            }

            _connection.Execute(
                """
                UPDATE identities SET member_id = m.winner_id FROM member_merge m
                WHERE identities.workspace_id = $1 AND identities.member_id = m.loser_id
                """, ws);

            // Absorbed members that were already stored fold their progress into the winner, then go.
            _connection.Execute(SqlStore.FoldMergedMembersSql("member_merge m"), ws);
            _connection.Execute(
                """
                INSERT INTO member_merges (workspace_id, id, winner_id, loser_id, merged_at, reason)
                SELECT $1, (SELECT coalesce(max(id), 0) FROM member_merges WHERE workspace_id = $1) + row_number() OVER (ORDER BY m.loser_id),
                       m.winner_id, m.loser_id, $2, 'identities seen together'
                FROM member_merge m JOIN members x ON x.workspace_id = $1 AND x.id = m.loser_id
                """, ws, changes.At);
            _connection.Execute("DELETE FROM members WHERE workspace_id = $1 AND id IN (SELECT loser_id FROM member_merge)", ws);
            _connection.Execute("DELETE FROM member_merge");
            foreach (var (loser, winner) in changes.Merged)
            {
                _state.StoredReach.Forget(loser);
                _state.StoredReach.Forget(winner);
            }
        }

        if (changes.Updated.Count > 0)
        {
            var reach = _state.StoredReach;
            var moves = new bool[changes.Updated.Count];
            using (var appender = _connection.CreateAppender("member_progress"))
            {
                for (var i = 0; i < moves.Length; i++)
                {
                    var (memberId, progress) = changes.Updated[i];

                    // A bulk import released its ingest state, so it knows of no stored row: every row moves.
                    moves[i] = _bulk || reach.Moves(memberId, progress);
                    AppendProgress(appender.CreateRow().AppendValue(memberId).AppendValue(changes.At), progress)
                        .AppendValue(progress.FirstTouchChannel).AppendValue(moves[i]).EndRow();
                }
            }

            List<(long, MemberProgress)> moved = [];
            if (_bulk)
            {
                // Every row moves and nothing is remembered (RememberMembers): one full fold, nothing read back.
                _connection.Execute(AddProgressSql, ws);
            }
            else
            {
                _connection.Execute(AddActivitySql, ws);
                if (moves.Contains(true))
                {
                    moved = MoveReached();
                }
            }

            _connection.Execute("DELETE FROM member_progress");
            return (moves, moved);
        }

        return ([], []);
    }

    /// <summary>
    /// Folds the first activity, stage times and first touch of the rows that move (<see cref="StoredMemberReach.Moves"/>)
    /// into their members, and reads back what is then stored, for the reach to remember after the commit.
    /// </summary>
    private List<(long MemberId, MemberProgress Stored)> MoveReached()
    {
        var moved = new List<(long, MemberProgress)>();
        using var command = _connection.Command(MoveReachedSql, _workspace.Id);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            moved.Add((reader.GetInt64(0), SqlStore.ReadProgress(reader, 1)));
        }

        return moved;
    }

    /// <summary>
    /// Once the commit is durable, the ingest state remembers the member rows it wrote (<see cref="StoredMemberReach"/>);
    /// a bulk import released its state and remembers nothing.
    /// </summary>
    private void RememberMembers(
        MemberChanges changes, bool[] moves, List<(long MemberId, MemberProgress Stored)> moved)
    {
        if (_bulk)
        {
            return;
        }

        var reach = _state.StoredReach;
        foreach (var (memberId, progress) in changes.Created)
        {
            reach.Remember(memberId, progress);
        }

        for (var i = 0; i < moves.Length; i++)
        {
            if (!moves[i])
            {
                var (memberId, progress) = changes.Updated[i];
                reach.Advance(memberId, progress);
            }
        }

        foreach (var (memberId, stored) in moved)
        {
            reach.Remember(memberId, stored);
        }
    }

    private static IDuckDBAppenderRow AppendProgress(IDuckDBAppenderRow row, in MemberProgress progress)
    {
        row.AppendValue(progress.FirstActivity).AppendValue(progress.LastActivity).AppendValue(progress.ActivityCount);
        foreach (var stage in JourneyStages.All)
        {
            row.AppendValue(progress.ReachedAt(stage));
        }

        return row;
    }
}

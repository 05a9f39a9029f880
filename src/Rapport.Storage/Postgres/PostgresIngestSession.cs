using Npgsql;
using NpgsqlTypes;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;
using static Rapport.Storage.Postgres.PostgresConnectionExtensions;

namespace Rapport.Storage.Postgres;

/// <summary>
/// An ingest inside one PostgreSQL transaction that holds the workspace's advisory ingest lock. Rows whose ids never
/// change (identities, activities, profile updates) are copied in binary chunks as messages arrive; member rows,
/// which merges can still change, and the latest traits are written at commit.
/// </summary>
internal sealed class PostgresIngestSession : IIngestSession
{
    /// <summary>Pending rows written per chunk, as on DuckDB.</summary>
    private const int FlushThreshold = 50_000;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Workspace _workspace;
    private readonly IngestBatch _batch;
    private readonly WorkspaceIngestState _state;
    private readonly long _startVersion;
    private readonly Func<Guid[], CancellationToken, Task<IReadOnlyCollection<Guid>>> _findStoredKeys;
    private readonly Func<bool, long, ValueTask> _onEnd;
    private readonly Dictionary<(long IdentityId, string Key), TraitUpdate> _traits = [];
    private Task _writing = Task.CompletedTask;
    private bool _ended;

    public PostgresIngestSession(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Workspace workspace, WorkspaceIngestState state,
        long version, DateTime receivedAt, Func<Guid[], CancellationToken, Task<IReadOnlyCollection<Guid>>> findStoredKeys,
        Func<bool, long, ValueTask> onEnd)
    {
        _connection = connection;
        _transaction = transaction;
        _workspace = workspace;
        _state = state;
        _batch = new IngestBatch(state, receivedAt);
        _startVersion = version;
        _findStoredKeys = findStoredKeys;
        _onEnd = onEnd;
    }

    /// <summary>
    /// The ingest version this session's commit makes; identities and merges it writes carry it, so that other
    /// processes can catch up on them. The workspace's lock keeps any other session from taking the same number.
    /// </summary>
    private long WriteVersion => _startVersion + 1;

    public IngestSummary Summary => _batch.Summary;

    public async ValueTask AddAsync(IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count == 0)
        {
            return;
        }

        var keys = new Guid[messages.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = messages[i].MessageKey;
        }

        _state.RememberStoredMessageKeys(await _findStoredKeys(keys, cancellationToken).ConfigureAwait(false));
        foreach (var message in messages)
        {
            _batch.Add(message);
        }

        // Suspects are settled before this call returns, so that its summary counts its duplicates (the git import
        // tells commits imported before by them).
        if (_batch.HasSuspects)
        {
            await _writing.ConfigureAwait(false);
            await ConfirmSuspectsAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_batch.PendingCount >= FlushThreshold)
        {
            // One chunk is copied while the next is resolved; waiting for the previous copy first keeps at most two
            // chunks in memory and the connection used by one operation at a time. The copy outlives this call, so
            // it does not take the caller's token: a failure surfaces in the next AddAsync or CommitAsync.
            await _writing.ConfigureAwait(false);
            var pending = _batch.TakePending();
            _writing = Task.Run(() => WriteAsync(pending, CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>
    /// Settles the messages whose key fingerprints were already known (stored keys remembered above, a message sent
    /// twice in this session, or a fingerprint collision) by their full keys, on the session's own connection so that
    /// the rows it has copied so far count.
    /// </summary>
    private async Task ConfirmSuspectsAsync(CancellationToken cancellationToken)
    {
        if (!_batch.HasSuspects)
        {
            return;
        }

        var stored = await _connection.QueryAsync(
            """
            SELECT message_key FROM activities WHERE workspace_id = $1 AND message_key = ANY($2)
            UNION ALL
            SELECT message_key FROM profile_updates WHERE workspace_id = $1 AND message_key = ANY($2)
            """,
            [_workspace.Id, Typed(_batch.SuspectKeys(), NpgsqlDbType.Array | NpgsqlDbType.Uuid)],
            reader =>
            {
                var keys = new List<Guid>();
                while (reader.Read())
                {
                    keys.Add(reader.GetGuid(0));
                }

                return keys;
            },
            cancellationToken).ConfigureAwait(false);
        _batch.ConfirmSuspects(stored);
    }

    public async Task<IngestSummary> CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_ended, this);
        cancellationToken.ThrowIfCancellationRequested();
        await _writing.ConfigureAwait(false);
        await ConfirmSuspectsAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(_batch.TakePending(), cancellationToken).ConfigureAwait(false);
        var members = _batch.CompleteMembers();
        await WriteMembersAsync(members, cancellationToken).ConfigureAwait(false);
        await ApplyTraitsAsync(cancellationToken).ConfigureAwait(false);
        // A session of nothing but duplicates changed no state, so other processes' caches stay valid.
        var summary = _batch.Summary;
        var version = summary.MessagesRead == summary.DuplicatesSkipped
            ? _startVersion
            : await PostgresStore.BumpIngestVersionAsync(_connection, _workspace, cancellationToken).ConfigureAwait(false);
        if (version != _startVersion && version != WriteVersion)
        {
            throw new InvalidOperationException($"the workspace's ingest version moved from {_startVersion} to {version} under its lock");
        }

        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await EndAsync(committed: true, version).ConfigureAwait(false);
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
            // A failed background write is already reported by AddAsync or CommitAsync; here only the rollback
            // matters, and closing the connection rolls back whatever a broken connection could not.
            await _writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_connection.State == System.Data.ConnectionState.Open)
            {
                await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            await EndAsync(committed: false, version: 0).ConfigureAwait(false);
        }
    }

    private async ValueTask EndAsync(bool committed, long version)
    {
        _ended = true;
        try
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _onEnd(committed, version).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(PendingWrites pending, CancellationToken cancellationToken)
    {
        var ws = _workspace.Id;
        if (pending.Identities.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                "COPY identities (workspace_id, id, member_id, kind, value, first_seen_at, ingest_version) FROM STDIN (FORMAT BINARY)",
                cancellationToken).ConfigureAwait(false);
            foreach (var identity in pending.Identities)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ws, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(identity.Id, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(identity.MemberId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(identity.Identity.Kind, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(identity.Identity.Value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(AsUtc(identity.FirstSeen), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(WriteVersion, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (pending.Activities.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                """
                COPY activities (workspace_id, message_key, message_id, identity_id, type, occurred_at, received_at, source,
                  channel, url, referrer, title, user_agent, ip, campaign, properties) FROM STDIN (FORMAT BINARY)
                """,
                cancellationToken).ConfigureAwait(false);
            foreach (var activity in pending.Activities)
            {
                var context = activity.Context;
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ws, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(activity.MessageKey, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(activity.MessageId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(activity.IdentityId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(activity.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(AsUtc(activity.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(AsUtc(activity.ReceivedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(activity.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.Channel, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.Url, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.Referrer, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.Title, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.UserAgent, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.Ip, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, context.CampaignJson, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, activity.PropertiesJson, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (pending.ProfileUpdates.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                """
                COPY profile_updates (workspace_id, message_key, message_id, type, identity_id, occurred_at, received_at, group_id, traits)
                FROM STDIN (FORMAT BINARY)
                """,
                cancellationToken).ConfigureAwait(false);
            foreach (var update in pending.ProfileUpdates)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ws, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(update.MessageKey, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(update.MessageId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(MessageKindText.Of(update.Kind), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(update.IdentityId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(AsUtc(update.OccurredAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(AsUtc(update.ReceivedAt), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, update.GroupId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, update.TraitsJson, NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // Per identity and key the latest update wins; among updates at the same time, the one that arrived last.
        foreach (var trait in pending.Traits)
        {
            var key = (trait.IdentityId, trait.Key);
            if (!_traits.TryGetValue(key, out var kept) || trait.UpdatedAt >= kept.UpdatedAt)
            {
                _traits[key] = trait;
            }
        }

        if (pending.Suggestions.Count > 0)
        {
            var suggestions = pending.Suggestions;
            await _connection.ExecuteAsync(
                """
                INSERT INTO merge_suggestions (workspace_id, id, identity_id, other_identity_id, rule, confidence, reason, suggested_at)
                SELECT $1, (SELECT coalesce(max(id), 0) FROM merge_suggestions WHERE workspace_id = $1) + s.n,
                       s.identity_id, s.other_identity_id, s.rule, s.confidence, s.reason, s.suggested_at
                FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::float8[], $6::text[], $7::timestamptz[])
                  WITH ORDINALITY AS s(identity_id, other_identity_id, rule, confidence, reason, suggested_at, n)
                ON CONFLICT DO NOTHING
                """,
                [
                    ws,
                    Typed(suggestions.Select(s => s.IdentityId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                    Typed(suggestions.Select(s => s.OtherIdentityId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                    Typed(suggestions.Select(s => s.Rule).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                    Typed(suggestions.Select(s => s.Confidence).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Double),
                    Typed(suggestions.Select(s => s.Reason).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                    Typed(suggestions.Select(s => AsUtc(s.SuggestedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                ],
                cancellationToken).ConfigureAwait(false);
        }

        if (pending.Tags.Count > 0)
        {
            var tags = pending.Tags;
            await _connection.ExecuteAsync(
                """
                INSERT INTO member_tags (workspace_id, identity_id, tag, created_at)
                SELECT $1, t.identity_id, t.tag, t.created_at FROM unnest($2::bigint[], $3::text[], $4::timestamptz[]) AS t(identity_id, tag, created_at)
                ON CONFLICT DO NOTHING
                """,
                [
                    ws,
                    Typed(tags.Select(t => t.IdentityId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                    Typed(tags.Select(t => t.Tag).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                    Typed(tags.Select(t => AsUtc(t.At)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                ],
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyTraitsAsync(CancellationToken cancellationToken)
    {
        if (_traits.Count == 0)
        {
            return;
        }

        var traits = _traits.Values.ToArray();
        _traits.Clear();
        // The session holds the workspace's ingest lock, so nothing else writes these rows meanwhile; the upsert's
        // condition keeps a stored value that is newer than this session's.
        await _connection.ExecuteAsync(
            """
            INSERT INTO traits (workspace_id, identity_id, key, value, updated_at)
            SELECT $1, t.identity_id, t.key, t.value, t.updated_at
            FROM unnest($2::bigint[], $3::text[], $4::json[], $5::timestamptz[]) AS t(identity_id, key, value, updated_at)
            ON CONFLICT (workspace_id, identity_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            WHERE excluded.updated_at >= traits.updated_at
            """,
            [
                _workspace.Id,
                Typed(traits.Select(t => t.IdentityId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                Typed(traits.Select(t => t.Key).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
                Typed(traits.Select(t => t.ValueJson).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Json),
                Typed(traits.Select(t => AsUtc(t.UpdatedAt)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteMembersAsync(MemberChanges changes, CancellationToken cancellationToken)
    {
        var ws = _workspace.Id;
        var at = AsUtc(changes.At);
        if (changes.Created.Count > 0)
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                """
                COPY members (workspace_id, id, created_at, first_activity_at, last_activity_at, activity_count,
                  discover_at, evaluate_at, learn_at, build_at, scale_at, first_touch_channel, first_touch_at) FROM STDIN (FORMAT BINARY)
                """,
                cancellationToken).ConfigureAwait(false);
            foreach (var (memberId, progress) in changes.Created)
            {
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(ws, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(memberId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, AsUtc(progress.FirstActivity), cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, AsUtc(progress.LastActivity), cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(progress.ActivityCount, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                foreach (var stage in JourneyStages.All)
                {
                    await WriteNullableAsync(copy, AsUtc(progress.ReachedAt(stage)), cancellationToken).ConfigureAwait(false);
                }

                await WriteNullableAsync(copy, progress.FirstTouchChannel, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteNullableAsync(copy, AsUtc(progress.FirstActivity), cancellationToken).ConfigureAwait(false);
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (changes.Merged.Count > 0)
        {
            var loserIds = changes.Merged.Select(m => m.LoserId).ToArray();
            var winnerIds = changes.Merged.Select(m => m.WinnerId).ToArray();

            // A parameter belongs to one command, so each command gets its own.
            object?[] Parameters(params object?[] more) =>
            [
                ws,
                Typed(loserIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                Typed(winnerIds, NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                .. more,
            ];

            const string Merges = "unnest($2::bigint[], $3::bigint[]) AS m(loser_id, winner_id)";
            await _connection.ExecuteAsync(
                $"""
                UPDATE identities SET member_id = m.winner_id, ingest_version = $4 FROM {Merges}
                WHERE identities.workspace_id = $1 AND identities.member_id = m.loser_id
                """,
                Parameters(WriteVersion), cancellationToken).ConfigureAwait(false);

            // Absorbed members that were already stored fold their progress into the winner, then go.
            await _connection.ExecuteAsync(SqlStore.FoldMergedMembersSql(Merges), Parameters(), cancellationToken).ConfigureAwait(false);
            await _connection.ExecuteAsync(
                $"""
                INSERT INTO member_merges (workspace_id, id, winner_id, loser_id, merged_at, reason, ingest_version)
                SELECT $1, (SELECT coalesce(max(id), 0) FROM member_merges WHERE workspace_id = $1) + row_number() OVER (ORDER BY m.loser_id),
                       m.winner_id, m.loser_id, $4, 'identities seen together', $5
                FROM {Merges} JOIN members x ON x.workspace_id = $1 AND x.id = m.loser_id
                """,
                Parameters(at, WriteVersion), cancellationToken).ConfigureAwait(false);
            await _connection.ExecuteAsync(
                "DELETE FROM members WHERE workspace_id = $1 AND id = ANY($2::bigint[])",
                Parameters(), cancellationToken).ConfigureAwait(false);
        }

        if (changes.Updated.Count > 0)
        {
            var updated = changes.Updated;
            DateTime?[] Column(Func<MemberProgress, DateTime?> select) => [.. updated.Select(u => AsUtc(select(u.Progress)))];
            object?[] parameters =
            [
                ws,
                Typed(updated.Select(u => u.MemberId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                Typed(Column(p => p.FirstActivity), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Typed(Column(p => p.LastActivity), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
                Typed(updated.Select(u => u.Progress.ActivityCount).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
                .. JourneyStages.All.Select(stage => Typed(Column(p => p.ReachedAt(stage)), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)),
                Typed(updated.Select(u => u.Progress.FirstTouchChannel).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text),
            ];
            await _connection.ExecuteAsync(
                SqlStore.AddMemberProgressSql(
                    """
                    unnest($2::bigint[], $3::timestamptz[], $4::timestamptz[], $5::bigint[], $6::timestamptz[], $7::timestamptz[],
                           $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::text[])
                      AS p(id, first_activity_at, last_activity_at, activity_count, discover_at, evaluate_at, learn_at, build_at, scale_at,
                           first_touch_channel)
                    """),
                parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTime? value, CancellationToken cancellationToken) =>
        value is { } time ? copy.WriteAsync(time, NpgsqlDbType.TimestampTz, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}

using System.Text.Json;
using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Feedback items and their voters. Writes go under the community lock, which also guards the outreach queue that a
/// shipped item adds to; ids are the workspace's highest plus one.
/// </summary>
public abstract partial class SqlStore
{
    private const string FeedbackColumns =
        "id, title, body, kind, area, status, tracker_url, source, source_message_id, CAST(organizations AS VARCHAR), created_by, " +
        "created_at, updated_at, shipped_at";

    /// <summary>Activity types that may read as feedback besides the questions: GitHub issues opened.</summary>
    private static readonly string[] FeedbackIssueTypes = ["github.issues.opened"];

    public async Task<FeedbackItem> AddFeedbackAsync(Workspace workspace, FeedbackDraft draft, string author, CancellationToken cancellationToken)
    {
        draft.Validate();
        var now = Now();
        var raisers = new List<(long IdentityId, string? MessageId)>();
        foreach (var identity in draft.RaisedBy ?? [])
        {
            raisers.Add((await IdentityIdAsync(workspace, identity, cancellationToken).ConfigureAwait(false), null));
        }

        var title = draft.Title?.Trim();
        var source = "manual";
        if (draft.FromMessageId is { } messageId)
        {
            var activity = await QueryAsync(
                "SELECT identity_id, type, title, CAST(properties AS VARCHAR) FROM activities WHERE workspace_id = $1 AND message_id = $2",
                [workspace.Id, messageId],
                reader => reader.Read() ? (IdentityId: reader.GetInt64(0), Type: reader.GetString(1), Title: ReadText(reader, 2), Properties: ReadText(reader, 3)) : default,
                cancellationToken).ConfigureAwait(false);
            if (activity.Type is null)
            {
                throw new FormatException($"no activity has the message id \"{messageId}\"");
            }

            raisers.Insert(0, (activity.IdentityId, messageId));
            source = activity.Type;
            title ??= activity.Title ?? PropertyText(activity.Properties, "title")
                ?? throw new FormatException($"the activity \"{messageId}\" has no title; give one");
        }

        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        long id;
        try
        {
            if (draft.FromMessageId is { } from && await IsFeedbackSourceAsync(workspace, from, cancellationToken).ConfigureAwait(false))
            {
                throw new FormatException($"the activity \"{from}\" is already feedback");
            }

            id = await QueryAsync(
                "SELECT coalesce(max(id), 0) + 1 FROM feedback_items WHERE workspace_id = $1", [workspace.Id],
                reader => reader.Read() ? reader.GetInt64(0) : 1, cancellationToken).ConfigureAwait(false);
            var organizations = (draft.Organizations ?? []).Select(name => name.Trim()).Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            var statements = new List<(string, object?[])>
            {
                (
                    """
                    INSERT INTO feedback_items (workspace_id, id, title, body, kind, area, status, tracker_url, source, source_message_id,
                                                organizations, created_by, created_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, CAST($10 AS JSON), $11, $12, $12)
                    """,
                    [workspace.Id, id, title, Blank(draft.Body), FeedbackNames.Name(draft.Kind), Blank(draft.Area), Blank(draft.TrackerUrl), source,
                        draft.FromMessageId, JsonSerializer.Serialize(organizations), author, now]),
            };
            foreach (var (identityId, message) in raisers.DistinctBy(raiser => raiser.IdentityId))
            {
                statements.Add((InsertVoter, [workspace.Id, id, identityId, "raised", message, author, now]));
            }

            await ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }

        return (await GetFeedbackAsync(workspace, id, cancellationToken).ConfigureAwait(false))!;
    }

    private const string InsertVoter =
        """
        INSERT INTO feedback_voters (workspace_id, feedback_id, identity_id, role, message_id, added_by, added_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    public async Task<FeedbackItem?> AddFeedbackVoterAsync(
        Workspace workspace, long feedbackId, Identity identity, bool raised, string? messageId, string author, CancellationToken cancellationToken)
    {
        var identityId = await IdentityIdAsync(workspace, identity, cancellationToken).ConfigureAwait(false);
        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await GetFeedbackAsync(workspace, feedbackId, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            var voted = await QueryAsync(
                "SELECT count(*) FROM feedback_voters WHERE workspace_id = $1 AND feedback_id = $2 AND identity_id = $3", [workspace.Id, feedbackId, identityId],
                reader => reader.Read() && reader.GetInt64(0) > 0, cancellationToken).ConfigureAwait(false);
            var role = raised ? "raised" : "upvoted";
            await ExecuteAsync(
                [
                    voted
                        ? ("UPDATE feedback_voters SET role = CASE WHEN role = 'raised' THEN role ELSE $4 END, message_id = coalesce(message_id, $5) " +
                           "WHERE workspace_id = $1 AND feedback_id = $2 AND identity_id = $3", [workspace.Id, feedbackId, identityId, role, messageId])
                        : (InsertVoter, [workspace.Id, feedbackId, identityId, role, messageId, author, Now()]),
                    ("UPDATE feedback_items SET updated_at = $3 WHERE workspace_id = $1 AND id = $2", [workspace.Id, feedbackId, Now()]),
                ], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }

        return await GetFeedbackAsync(workspace, feedbackId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeedbackItem?> GetFeedbackAsync(Workspace workspace, long feedbackId, CancellationToken cancellationToken) =>
        (await ReadFeedbackAsync(workspace, "AND id = $2", [feedbackId], cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<FeedbackItem>> ListFeedbackAsync(Workspace workspace, FeedbackQuery query, CancellationToken cancellationToken)
    {
        var items = await ReadFeedbackAsync(workspace, "", [], cancellationToken).ConfigureAwait(false);
        return
        [
            .. FeedbackRanking.Rank(items.Where(item =>
                (query.Status is null || item.Status == query.Status)
                && (query.Kind is null || item.Kind == query.Kind)
                && (string.IsNullOrWhiteSpace(query.Area) || string.Equals(item.Area, query.Area.Trim(), StringComparison.OrdinalIgnoreCase)))),
        ];
    }

    public async Task<FeedbackChange?> UpdateFeedbackAsync(
        Workspace workspace, long feedbackId, FeedbackUpdate update, string author, CancellationToken cancellationToken)
    {
        update.Validate();
        var now = Now();
        int created;
        await _communityLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await GetFeedbackAsync(workspace, feedbackId, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            var status = update.Status ?? current.Status;
            object?[] key = [workspace.Id, feedbackId];
            var statements = new List<(string, object?[])>
            {
                (
                    """
                    UPDATE feedback_items SET status = $3, kind = $4, title = $5, area = $6, tracker_url = $7, updated_at = $8,
                      shipped_at = CASE WHEN $3 = 'shipped' THEN coalesce(shipped_at, $8) ELSE shipped_at END
                    WHERE workspace_id = $1 AND id = $2
                    """,
                    [.. key, FeedbackNames.Name(status), FeedbackNames.Name(update.Kind ?? current.Kind), update.Title?.Trim() ?? current.Title,
                        update.Area is null ? current.Area : Blank(update.Area), update.TrackerUrl is null ? current.TrackerUrl : Blank(update.TrackerUrl), now]),
            };
            created = 0;
            if (status == FeedbackStatus.Shipped)
            {
                // One task per developer who asked and has none for this item yet: marking it shipped twice tells no one twice.
                const string Waiting =
                    """
                    FROM (SELECT i.member_id, min(v.identity_id) AS identity_id FROM feedback_voters v
                          JOIN identities i ON i.workspace_id = v.workspace_id AND i.id = v.identity_id
                          WHERE v.workspace_id = $1 AND v.feedback_id = $2 GROUP BY i.member_id) v
                    JOIN members m ON m.workspace_id = $1 AND m.id = v.member_id
                    WHERE NOT EXISTS (
                      SELECT 1 FROM outreach_tasks t JOIN identities ti ON ti.workspace_id = t.workspace_id AND ti.id = t.identity_id
                      WHERE t.workspace_id = $1 AND t.reason = 'feedback_shipped' AND t.feedback_id = $2 AND ti.member_id = v.member_id)
                    """;
                created = await QueryAsync(
                    $"SELECT count(*) {Waiting}", key, reader => reader.Read() ? (int)reader.GetInt64(0) : 0, cancellationToken).ConfigureAwait(false);
                statements.Add((
                    $"""
                    INSERT INTO outreach_tasks (workspace_id, id, identity_id, reason, episode_at, stage, last_activity_at, status, refresh_id,
                                                created_at, updated_at, feedback_id)
                    SELECT $1, (SELECT coalesce(max(id), 0) FROM outreach_tasks WHERE workspace_id = $1) + row_number() OVER (ORDER BY v.member_id),
                           v.identity_id, 'feedback_shipped', $3, {StageExpression}, m.last_activity_at, 'open', 0, $3, $3, $2
                    {Waiting}
                    """,
                    [.. key, now]));
            }

            await ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _communityLock.Release();
        }

        return new FeedbackChange((await GetFeedbackAsync(workspace, feedbackId, cancellationToken).ConfigureAwait(false))!, created);
    }

    public Task<IReadOnlyList<FeedbackSuggestion>> ListFeedbackSuggestionsAsync(Workspace workspace, int limit, CancellationToken cancellationToken) =>
        ReadFeedbackSuggestionsAsync(workspace, null, Math.Max(1, limit), cancellationToken);

    public async Task<KeysetPage<FeedbackSuggestion>> ListFeedbackSuggestionsAsync(
        Workspace workspace, KeysetRequest page, CancellationToken cancellationToken)
    {
        var after = page.After is { } key && KeyParts(key, 2) is var parts ? (KeyTime(parts[0]), parts[1]) : ((DateTime, string)?)null;
        var rows = await ReadFeedbackSuggestionsAsync(workspace, after, FetchLimit(page), cancellationToken).ConfigureAwait(false);
        return CutPage(rows, page, suggestion => Key(suggestion.OccurredAt, suggestion.MessageId));
    }

    /// <summary>
    /// The suggestions after <paramref name="after"/>: the text is classified here, so the query has no LIMIT and the
    /// reading stops once <paramref name="limit"/> suggestions are found.
    /// </summary>
    private async Task<IReadOnlyList<FeedbackSuggestion>> ReadFeedbackSuggestionsAsync(
        Workspace workspace, (DateTime OccurredAt, string MessageId)? after, int limit, CancellationToken cancellationToken)
    {
        var types = (await QuestionTypesAsync(workspace, cancellationToken).ConfigureAwait(false)).Concat(FeedbackIssueTypes).ToList();
        var args = new SqlArguments(workspace.Id);
        var typeList = string.Join(", ", types.Select(type => args.Add(type)));
        var keyset = after is { } last
            ? $"AND (a.occurred_at < {args.Add(last.OccurredAt)} OR (a.occurred_at = {args.Add(last.OccurredAt)} AND a.message_id > {args.Add(last.MessageId)}))"
            : "";
        var rows = await QueryAsync(
            $"""
            SELECT a.message_id, i.member_id, a.type, a.occurred_at, coalesce(a.title, {JsonText("a.properties", "title")}),
                   coalesce({JsonText("a.properties", "body")}, {JsonText("a.properties", "text")}), coalesce(a.url, {JsonText("a.properties", "url")})
            FROM activities a JOIN identities i ON i.workspace_id = a.workspace_id AND i.id = a.identity_id
            WHERE a.workspace_id = $1 AND a.type IN ({typeList}) AND {NotBot("a.properties")}
              AND NOT EXISTS (SELECT 1 FROM feedback_items f WHERE f.workspace_id = $1 AND f.source_message_id = a.message_id)
              AND NOT EXISTS (SELECT 1 FROM feedback_voters v WHERE v.workspace_id = $1 AND v.message_id = a.message_id)
              AND NOT EXISTS (SELECT 1 FROM feedback_dismissals d WHERE d.workspace_id = $1 AND d.message_id = a.message_id)
              {keyset}
            ORDER BY a.occurred_at DESC, a.message_id
            """,
            args.ToArray(),
            reader =>
            {
                var list = new List<FeedbackSuggestion>();
                while (list.Count < limit && reader.Read())
                {
                    var title = ReadText(reader, 4);
                    if (title is not null && FeedbackSignals.Classify(title, ReadText(reader, 5)) is { } signal)
                    {
                        list.Add(new FeedbackSuggestion(
                            reader.GetString(0), reader.GetInt64(1), reader.GetString(2), ReadTime(reader, 3)!.Value, title, ReadText(reader, 6),
                            signal.Kind, signal.Phrase));
                    }
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        return rows;
    }

    public async Task<bool> DismissFeedbackSuggestionAsync(Workspace workspace, string messageId, string author, CancellationToken cancellationToken)
    {
        var known = await QueryAsync(
            "SELECT 1 FROM activities WHERE workspace_id = $1 AND message_id = $2 LIMIT 1", [workspace.Id, messageId],
            reader => reader.Read(), cancellationToken).ConfigureAwait(false);
        if (!known)
        {
            throw new FormatException($"the workspace has no activity with the message id '{messageId}'");
        }

        return await WriteAsync(
            """
            INSERT INTO feedback_dismissals (workspace_id, message_id, dismissed_by, dismissed_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING RETURNING message_id
            """,
            [workspace.Id, messageId, author, Now()], reader => reader.Read(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<FeedbackItem>> ReadFeedbackAsync(Workspace workspace, string filter, object?[] parameters, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {FeedbackColumns} FROM feedback_items WHERE workspace_id = $1 {filter} ORDER BY id",
            [workspace.Id, .. parameters],
            reader =>
            {
                var list = new List<FeedbackRow>();
                while (reader.Read())
                {
                    list.Add(new FeedbackRow(
                        reader.GetInt64(0), reader.GetString(1), ReadText(reader, 2), FeedbackNames.ParseKind(reader.GetString(3)), ReadText(reader, 4),
                        FeedbackNames.ParseStatus(reader.GetString(5)), ReadText(reader, 6), reader.GetString(7), ReadText(reader, 8),
                        JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [], reader.GetString(10), ReadTime(reader, 11)!.Value,
                        ReadTime(reader, 12)!.Value, ReadTime(reader, 13)));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return [];
        }

        var voters = await QueryAsync(
            $"""
            SELECT v.feedback_id, i.member_id, i.kind, i.value, {StageExpression}, v.role, v.message_id, v.added_at
            FROM feedback_voters v
            JOIN identities i ON i.workspace_id = v.workspace_id AND i.id = v.identity_id
            JOIN members m ON m.workspace_id = i.workspace_id AND m.id = i.member_id
            WHERE v.workspace_id = $1 {filter.Replace("id =", "v.feedback_id =", StringComparison.Ordinal)}
            ORDER BY v.added_at, i.id
            """,
            [workspace.Id, .. parameters],
            reader =>
            {
                var list = new List<(long FeedbackId, long MemberId, string Identity, JourneyStage? Stage, bool Raised, string? MessageId, DateTime AddedAt)>();
                while (reader.Read())
                {
                    list.Add((reader.GetInt64(0), reader.GetInt64(1), $"{reader.GetString(2)}:{reader.GetString(3)}",
                        reader.IsDBNull(4) ? null : (JourneyStage)reader.GetInt32(4), reader.GetString(5) == "raised", ReadText(reader, 6),
                        ReadTime(reader, 7)!.Value));
                }

                return list;
            }, cancellationToken).ConfigureAwait(false);
        var details = await ReadSummaryDetailsAsync(workspace, [.. voters.Select(voter => voter.MemberId).Distinct()], cancellationToken).ConfigureAwait(false);
        var byItem = voters.ToLookup(voter => voter.FeedbackId);
        return
        [
            .. rows.Select(row =>
            {
                List<FeedbackVoter> itemVoters =
                [
                    .. byItem[row.Id].Select(voter => new FeedbackVoter(
                        voter.MemberId, details.TryGetValue(voter.MemberId, out var detail) ? MemberDisplayName.FromTraits(detail.Traits) : null,
                        voter.Identity, voter.Stage, voter.Raised, voter.MessageId, voter.AddedAt)),
                ];
                return new FeedbackItem(
                    row.Id, row.Title, row.Body, row.Kind, row.Area, row.Status, row.TrackerUrl, row.Source, row.SourceMessageId, row.Organizations,
                    itemVoters, itemVoters.Select(voter => voter.MemberId).Distinct().Count(), FeedbackRanking.Score(itemVoters, row.Organizations),
                    row.CreatedBy, row.CreatedAt, row.UpdatedAt, row.ShippedAt);
            }),
        ];
    }

    private async Task<bool> IsFeedbackSourceAsync(Workspace workspace, string messageId, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT count(*) FROM feedback_items WHERE workspace_id = $1 AND source_message_id = $2", [workspace.Id, messageId],
            reader => reader.Read() && reader.GetInt64(0) > 0, cancellationToken).ConfigureAwait(false);

    private async Task<long> IdentityIdAsync(Workspace workspace, Identity identity, CancellationToken cancellationToken) =>
        await QueryAsync(
            "SELECT id FROM identities WHERE workspace_id = $1 AND kind = $2 AND value = $3", [workspace.Id, identity.Kind, identity.Value],
            reader => reader.Read() ? reader.GetInt64(0) : (long?)null, cancellationToken).ConfigureAwait(false)
        ?? throw new FormatException($"no developer has the identity {identity.Kind}:{identity.Value}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? PropertyText(string? json, string name)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private sealed record FeedbackRow(
        long Id, string Title, string? Body, FeedbackKind Kind, string? Area, FeedbackStatus Status, string? TrackerUrl, string Source,
        string? SourceMessageId, IReadOnlyList<string> Organizations, string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ShippedAt);
}

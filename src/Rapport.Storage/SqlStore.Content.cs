using System.Data.Common;
using System.Text.Json;
using Rapport.Core.Content;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// The content catalog, written once for both backends. Items are numbered per workspace (the next number after the
/// highest); two writers that pick the same number collide on the primary key and the later one tries again.
/// </summary>
public abstract partial class SqlStore
{
    private const string ContentColumns =
        "id, kind, title, CAST(urls AS VARCHAR), channel, party, published_at, CAST(authors AS VARCHAR), CAST(tags AS VARCHAR), " +
        "effort_minutes, parent_id, reuse, description, source, created_at, updated_at";

    private const string InsertContent =
        """
        INSERT INTO content_items (workspace_id, id, kind, title, urls, channel, party, published_at, authors, tags, effort_minutes,
                                   parent_id, reuse, description, source, source_key, created_at, updated_at)
        VALUES ($1, $2, $3, $4, CAST($5 AS JSON), $6, $7, $8, CAST($9 AS JSON), CAST($10 AS JSON), $11, $12, $13, $14, $15, $16, $17, $18)
        """;

    private const string UpdateContent =
        """
        UPDATE content_items SET kind = $3, title = $4, urls = CAST($5 AS JSON), channel = $6, party = $7, published_at = $8,
          authors = CAST($9 AS JSON), tags = CAST($10 AS JSON), effort_minutes = $11, parent_id = $12, reuse = $13, description = $14,
          source_key = coalesce($15, source_key), updated_at = $16
        WHERE workspace_id = $1 AND id = $2
        """;

    private const string UpsertText =
        """
        INSERT INTO content_texts (workspace_id, content_id, body, updated_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (workspace_id, content_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
        """;

    private const int ContentWriteAttempts = 5;

    public async Task<ContentItem> AddContentAsync(Workspace workspace, ContentFields fields, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var items = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
            var tree = new ContentTree(items);
            var item = fields.Create(items.Count == 0 ? 1 : items.Max(existing => existing.Id) + 1, "manual", Now());
            RequireParent(tree, item);
            try
            {
                await ExecuteAsync(InsertContent, ContentParameters(workspace, item, sourceKey: null), cancellationToken).ConfigureAwait(false);
                return item;
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < ContentWriteAttempts)
            {
                // Another writer took the number; read again and take the next.
            }
        }
    }

    public async Task<ContentItem?> UpdateContentAsync(Workspace workspace, long id, ContentFields changes, CancellationToken cancellationToken)
    {
        var tree = new ContentTree(await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false));
        if (tree.Find(id) is not { } existing)
        {
            return null;
        }

        var item = changes.ApplyTo(existing, Now());
        RequireParent(tree, item);
        await ExecuteAsync(UpdateContent, UpdateParameters(workspace, item, sourceKey: null), cancellationToken).ConfigureAwait(false);
        return item;
    }

    public Task<ContentItem?> GetContentAsync(Workspace workspace, long id, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {ContentColumns} FROM content_items WHERE workspace_id = $1 AND id = $2", [workspace.Id, id],
            reader => reader.Read() ? ReadContent(reader) : null, cancellationToken);

    public Task<IReadOnlyList<ContentItem>> ListContentAsync(Workspace workspace, CancellationToken cancellationToken) =>
        ReadContentAsync("", [workspace.Id], "", cancellationToken);

    /// <summary>
    /// The filters of <see cref="ContentQuery.Matches"/> in SQL, so that a page is full whenever enough items match: tags
    /// are stored lower-case, and the search compares lower-case text.
    /// </summary>
    public async Task<KeysetPage<ContentItem>> ListContentAsync(
        Workspace workspace, ContentQuery query, KeysetRequest page, CancellationToken cancellationToken)
    {
        var args = new SqlArguments(workspace.Id);
        var where = new List<string>();
        if (query.Kind is { } kind)
        {
            where.Add($"kind = {args.Add(ContentNames.Name(kind))}");
        }

        if (!string.IsNullOrWhiteSpace(query.Channel))
        {
            where.Add($"channel = {args.Add(ContentFields.NormaliseChannel(query.Channel))}");
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            where.Add($"EXISTS (SELECT 1 FROM ({JsonArrayStrings("tags")}) tag WHERE tag.value = {args.Add(query.Tag.Trim().ToLowerInvariant())})");
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = args.Add(query.Search.Trim().ToLowerInvariant());
            where.Add($"(strpos(lower(title), {search}) > 0 OR EXISTS (SELECT 1 FROM ({JsonArrayStrings("urls")}) url WHERE strpos(lower(url.value), {search}) > 0))");
        }

        if (page.After is { } key)
        {
            where.Add($"id > {args.Add(KeyLong(KeyParts(key, 1)[0]))}");
        }

        var filter = string.Concat(where.Select(condition => " AND " + condition));
        var items = await ReadContentAsync(filter, args.ToArray(), $"LIMIT {FetchLimit(page)}", cancellationToken).ConfigureAwait(false);
        return CutPage(items, page, item => Key(item.Id));
    }

    /// <summary>Items in id order; <paramref name="filter"/> adds conditions to the workspace's.</summary>
    private Task<IReadOnlyList<ContentItem>> ReadContentAsync(string filter, object?[] parameters, string limit, CancellationToken cancellationToken) =>
        QueryAsync<IReadOnlyList<ContentItem>>(
            $"SELECT {ContentColumns} FROM content_items WHERE workspace_id = $1{filter} ORDER BY id {limit}", parameters,
            reader =>
            {
                var items = new List<ContentItem>();
                while (reader.Read())
                {
                    items.Add(ReadContent(reader));
                }

                return items;
            }, cancellationToken);

    public async Task<ContentImportSummary> ImportContentAsync(
        Workspace workspace, string source, IReadOnlyList<ImportedContent> items, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await ListContentAsync(workspace, cancellationToken).ConfigureAwait(false);
            var keys = await QueryAsync(
                "SELECT source_key, id FROM content_items WHERE workspace_id = $1 AND source_key IS NOT NULL", [workspace.Id],
                reader =>
                {
                    var map = new Dictionary<string, long>(StringComparer.Ordinal);
                    while (reader.Read())
                    {
                        map.TryAdd(reader.GetString(0), reader.GetInt64(1));
                    }

                    return map;
                }, cancellationToken).ConfigureAwait(false);
            var byId = existing.ToDictionary(item => item.Id);
            var byUrl = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var item in existing)
            {
                foreach (var url in item.Urls)
                {
                    byUrl.TryAdd(url, item.Id);
                }
            }

            var now = Now();
            var nextId = existing.Count == 0 ? 1 : existing.Max(item => item.Id) + 1;
            var statements = new List<(string Sql, object?[] Parameters)>();
            var (added, updated, unchanged) = (0, 0, 0);
            foreach (var imported in items)
            {
                // Only what a source can know changes on an existing item; effort, parent and reuse are the team's.
                var fields = imported.Fields with { EffortHours = null, ParentId = null, Reuse = null, ClearParent = false };
                var match = keys.TryGetValue(imported.SourceKey, out var keyed) ? keyed
                    : fields.Urls is { Count: > 0 } urls && ContentFields.NormaliseUrls(urls) is { Count: > 0 } normalised
                        && byUrl.TryGetValue(normalised[0], out var byAddress) ? byAddress
                    : (long?)null;
                if (match is { } id && byId.TryGetValue(id, out var current))
                {
                    var changed = fields.ApplyTo(current, now);
                    AddText(id);
                    if (SameContent(changed, current))
                    {
                        unchanged++;
                        continue;
                    }

                    byId[id] = changed;
                    statements.Add((UpdateContent, UpdateParameters(workspace, changed, imported.SourceKey)));
                    updated++;
                }
                else
                {
                    var item = imported.Fields.Create(nextId++, source, now);
                    keys[imported.SourceKey] = item.Id;
                    byId[item.Id] = item;
                    foreach (var url in item.Urls)
                    {
                        byUrl.TryAdd(url, item.Id);
                    }

                    statements.Add((InsertContent, ContentParameters(workspace, item, imported.SourceKey)));
                    AddText(item.Id);
                    added++;
                }

                // The text goes with every import, changed or not: it is not part of the item's fields.
                void AddText(long contentId)
                {
                    if (imported.Text is { } text)
                    {
                        statements.Add((UpsertText, [workspace.Id, contentId, text, now]));
                    }
                }
            }

            try
            {
                if (statements.Count > 0)
                {
                    await ExecuteAsync(statements, cancellationToken).ConfigureAwait(false);
                }

                return new ContentImportSummary(added, updated, unchanged);
            }
            catch (DbException e) when (IsUniqueViolation(e) && attempt < ContentWriteAttempts)
            {
                // Another writer added items meanwhile; match against them and number after them.
            }
        }
    }

    private static void RequireParent(ContentTree tree, ContentItem item)
    {
        if (item.ParentId is not { } parent)
        {
            return;
        }

        if (tree.Find(parent) is null)
        {
            throw new FormatException($"there is no content item {parent} to be the parent");
        }

        if (tree.WouldCycle(item.Id, parent))
        {
            throw new FormatException($"content item {parent} is made from item {item.Id}, so it cannot also be its parent");
        }
    }

    private static bool SameContent(ContentItem a, ContentItem b) =>
        a.Kind == b.Kind && a.Title == b.Title && a.Channel == b.Channel && a.Party == b.Party && a.Published == b.Published
        && a.Description == b.Description && a.Urls.SequenceEqual(b.Urls) && a.Authors.SequenceEqual(b.Authors) && a.Tags.SequenceEqual(b.Tags);

    private static object?[] UpdateParameters(Workspace workspace, ContentItem item, string? sourceKey) =>
        [.. ContentParameters(workspace, item, sourceKey)[..14], sourceKey, item.UpdatedAt];

    private static object?[] ContentParameters(Workspace workspace, ContentItem item, string? sourceKey) =>
    [
        workspace.Id, item.Id, ContentNames.Name(item.Kind), item.Title, JsonSerializer.Serialize(item.Urls), item.Channel,
        item.Party is { } party ? ContentNames.Name(party) : null, item.Published, JsonSerializer.Serialize(item.Authors),
        JsonSerializer.Serialize(item.Tags), item.EffortHours is { } hours ? (long)Math.Round(hours * 60) : null, item.ParentId,
        item.Reuse is { } reuse ? ContentNames.Name(reuse) : null, item.Description, item.Source, sourceKey, item.CreatedAt, item.UpdatedAt,
    ];

    private static ContentItem ReadContent(DbDataReader reader) => new(
        reader.GetInt64(0),
        ContentNames.ParseKind(reader.GetString(1)),
        reader.GetString(2),
        JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
        ReadText(reader, 4),
        ReadText(reader, 5) is { } party ? ContentNames.ParseParty(party) : null,
        ReadTime(reader, 6),
        JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
        JsonSerializer.Deserialize<string[]>(reader.GetString(8)) ?? [],
        reader.IsDBNull(9) ? null : reader.GetInt64(9) / 60d,
        reader.IsDBNull(10) ? null : reader.GetInt64(10),
        ReadText(reader, 11) is { } reuse ? ContentNames.ParseReuse(reuse) : null,
        ReadText(reader, 12),
        reader.GetString(13),
        ReadTime(reader, 14)!.Value,
        ReadTime(reader, 15)!.Value);
}

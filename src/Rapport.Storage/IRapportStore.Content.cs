using Rapport.Core.Content;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>The content catalog: items, their reuse trees, and imports from feeds and Markdown.</summary>
public partial interface IRapportStore
{
    /// <summary>Adds an item; <see cref="FormatException"/> when a field is wrong or the parent does not exist.</summary>
    Task<ContentItem> AddContentAsync(Workspace workspace, ContentFields fields, CancellationToken cancellationToken);

    /// <summary>Changes the fields given; the item, or <c>null</c> when the workspace has no such item.</summary>
    Task<ContentItem?> UpdateContentAsync(Workspace workspace, long id, ContentFields changes, CancellationToken cancellationToken);

    Task<ContentItem?> GetContentAsync(Workspace workspace, long id, CancellationToken cancellationToken);

    /// <summary>Every item of the workspace, by id.</summary>
    Task<IReadOnlyList<ContentItem>> ListContentAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>One page of the items <paramref name="query"/> matches by keyset, in id order, filtered before the page is cut.</summary>
    Task<KeysetPage<ContentItem>> ListContentAsync(Workspace workspace, ContentQuery query, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or updates imported items in one transaction: an item whose source key or canonical URL is already in
    /// the catalog is updated (its effort, parent and reuse, which no feed knows, are kept); any other is added.
    /// </summary>
    Task<ContentImportSummary> ImportContentAsync(
        Workspace workspace, string source, IReadOnlyList<ImportedContent> items, CancellationToken cancellationToken);
}

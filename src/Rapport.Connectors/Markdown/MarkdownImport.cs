using Rapport.Connectors.Segment;
using Rapport.Core.Content;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Markdown;

/// <summary>
/// Imports a folder of Markdown files (a Hugo, Jekyll or Docusaurus site) into the content catalog in one transaction.
/// Files without front matter are not pages and are passed over; drafts are skipped unless asked for.
/// </summary>
public sealed class MarkdownImport(IRapportStore store)
{
    private static readonly string[] Extensions = [".md", ".markdown", ".mdx"];

    /// <param name="onRejected">With <paramref name="skipInvalid"/>, told of each file that cannot be read (<c>FILE:LINE: reason</c>).</param>
    public async Task<MarkdownImportResult> ImportAsync(
        Workspace workspace, string directory, MarkdownImportOptions options, bool skipInvalid, Action<string>? onRejected, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"no such directory: {directory}");
        }

        var items = new List<ImportedContent>();
        var (files, drafts, plain, rejected) = (0, 0, 0, 0);
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                     .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            files++;
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            MarkdownPage page;
            try
            {
                var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
                page = MarkdownPage.Read(relative, text, options.Kind, options.Channel, options.Party, options.BaseUrl);
            }
            catch (MarkdownFormatException e)
            {
                var error = new ImportLineException(path, e.Line, e.Reason);
                if (!skipInvalid)
                {
                    throw error;
                }

                rejected++;
                onRejected?.Invoke(error.Message);
                continue;
            }

            if (!page.HasFrontMatter)
            {
                plain++;
            }
            else if (page.IsDraft && !options.IncludeDrafts)
            {
                drafts++;
            }
            else
            {
                items.Add(page.Content!);
            }
        }

        var summary = await store.ImportContentAsync(workspace, "markdown", items, cancellationToken).ConfigureAwait(false);
        return new MarkdownImportResult(summary, files, drafts, plain, rejected);
    }
}

using Rapport.Core.DocsGaps;
using Rapport.Core.Questions;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Questions developers asked and the docs pages that should answer them: what the docs-gap analysis reads.</summary>
public partial interface IRapportStore
{
    /// <summary>
    /// Every question of the workspace: activities of the question types in the community rules
    /// (<c>outreach.questionTypes</c>), bots' left out, oldest first. Without <paramref name="withText"/> titles and
    /// bodies are left out (the pulse needs only times and answers).
    /// </summary>
    Task<IReadOnlyList<Question>> ListQuestionsAsync(Workspace workspace, bool withText, CancellationToken cancellationToken);

    /// <summary>Every content item of kind docs page with its text (its description, or nothing, when no text was imported), by id.</summary>
    Task<IReadOnlyList<DocsPage>> ListDocsPagesAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>The docs-gap report (<see cref="DocsGapReport.Compute"/>) over the workspace's questions and docs pages.</summary>
    Task<DocsGapReport> GetDocsGapReportAsync(Workspace workspace, DocsGapOptions options, CancellationToken cancellationToken);

    /// <summary>The text an importer kept for a content item, or <c>null</c>.</summary>
    Task<string?> GetContentTextAsync(Workspace workspace, long contentId, CancellationToken cancellationToken);
}

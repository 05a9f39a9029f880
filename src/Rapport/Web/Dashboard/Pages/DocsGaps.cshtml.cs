using Microsoft.AspNetCore.Mvc;
using Rapport.Core.DocsGaps;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// Docs gaps: the questions developers keep asking, grouped into topics and matched against the docs pages, biggest
/// gap first. The same report as <c>rapport report docs-gaps</c> and <c>GET /api/v1/reports/docs-gaps</c>.
/// </summary>
internal sealed class DocsGapsModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DocsGapReport Report { get; private set; } = new(0, 0, 0, null, []);

    public IReadOnlyList<DocsGapTopic> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        Report = await Store.GetDocsGapReportAsync(Workspace, DocsGapOptions.Default, cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Report.Topics.Count + PageSize - 1) / PageSize));
        Topics = [.. Report.Topics.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var report = await Store.GetDocsGapReportAsync(Workspace, DocsGapOptions.Default, cancellationToken);
        return Csv("docs-gaps",
            ["rank", "topic", "top_terms", "questions", "unanswered_share", "median_hours_to_first_answer", "best_page", "best_page_url", "coverage", "gap_score", "example"],
            report.Topics.Select(topic => (IReadOnlyList<object?>)
            [
                topic.Rank, topic.Name, string.Join(' ', topic.TopTerms), topic.Questions, topic.UnansweredShare, topic.MedianHoursToFirstAnswer,
                topic.Pages.FirstOrDefault()?.Title, topic.Pages.FirstOrDefault()?.Url, topic.Coverage, topic.GapScore, topic.Examples.FirstOrDefault()?.Title,
            ]));
    }
}

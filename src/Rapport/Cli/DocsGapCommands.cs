using System.CommandLine;
using System.Globalization;
using Rapport.Core.DocsGaps;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport report docs-gaps</c>: the questions developers keep asking that the docs do not answer.</summary>
internal static class DocsGapCommands
{
    public static Command Create(CommandRunner runner)
    {
        var minQuestions = new Option<int?>("--min-questions") { Description = $"Questions a topic needs (default {DocsGapOptions.Default.MinQuestions})" };
        var threshold = new Option<double?>("--threshold") { Description = $"Cosine similarity a question needs to its topic (default {DocsGapOptions.Default.Threshold})" };
        var months = new Option<int?>("--months") { Description = $"Months of the trend, up to the latest question's (default {DocsGapOptions.Default.Months})" };
        var limit = new Option<int>("--limit") { Description = "Show at most this many topics (default 20; --json has them all)", DefaultValueFactory = _ => 20 };
        var json = GlobalOptions.Json("the report");
        var command = new Command("docs-gaps", "Questions grouped into topics, matched against the docs pages: biggest gap first")
        {
            minQuestions, threshold, months, limit, json,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var defaults = DocsGapOptions.Default;
            var options = defaults with
            {
                MinQuestions = scope.Get(minQuestions) ?? defaults.MinQuestions,
                Threshold = scope.Get(threshold) ?? defaults.Threshold,
                Months = scope.Get(months) ?? defaults.Months,
            };
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var report = await scope.Store.GetDocsGapReportAsync(workspace, options, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(report);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("#").RightAligned()).AddColumn("Topic")
                .AddColumn(new TableColumn("Questions").RightAligned()).AddColumn(new TableColumn("Unanswered").RightAligned())
                .AddColumn(new TableColumn("Median first answer").RightAligned()).AddColumn("Best docs page").AddColumn(new TableColumn("Gap").RightAligned());
            foreach (var topic in report.Topics.Take(Math.Max(1, scope.Get(limit))))
            {
                var page = topic.Pages.FirstOrDefault();
                table.AddRow(
                    topic.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(topic.Name), $"{topic.Questions:N0}",
                    topic.UnansweredShare is { } share ? $"{share:P0}" : "",
                    topic.MedianHoursToFirstAnswer is { } hours ? $"{hours:0.#} h" : "",
                    page is null ? "[red]none[/]" : Markup.Escape($"{Shorten(page.Title)} ({page.Match:0.00})"),
                    $"[bold]{topic.GapScore:0.##}[/]");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(
                $"{report.Questions:N0} questions, {report.Topics.Count:N0} topics, {report.Unclustered:N0} questions in no topic, {report.DocsPages:N0} docs pages.");
            return 0;
        });
        return command;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..39] + "…" : text;
}

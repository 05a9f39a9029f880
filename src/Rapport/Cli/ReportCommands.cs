using System.CommandLine;
using Rapport.Core.Journey;
using Rapport.Core.Reports;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport report funnel</c>: where developers fall out of the journey.</summary>
internal static class ReportCommands
{
    public static Command Create(CommandRunner runner)
    {
        var from = new Option<string?>("--from") { Description = "Developers whose first activity is on or after this date (2026-01-01)" };
        var to = new Option<string?>("--to") { Description = "… and on or before this date (inclusive)" };
        var json = GlobalOptions.Json("the report");
        var funnel = new Command("funnel", "The journey funnel: developers per stage, conversion and time between stages")
        {
            from, to, json,
        };
        runner.Attach(funnel, async (scope, cancellationToken) =>
        {
            var range = DateRange.Parse(scope.Get(from), scope.Get(to));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var report = await scope.Store.GetFunnelAsync(workspace, range, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(report);
                return 0;
            }

            var top = Math.Max(1, report.Stages[0].Developers);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Stage").AddColumn(new TableColumn("Developers").RightAligned())
                .AddColumn(new TableColumn("Conversion").RightAligned()).AddColumn(new TableColumn("Median days").RightAligned())
                .AddColumn("");
            foreach (var stage in report.Stages)
            {
                table.AddRow(
                    JourneyStages.Name(stage.Stage),
                    $"{stage.Developers:N0}",
                    stage.Conversion is { } c ? $"{c:P1}" : "",
                    stage.MedianDaysFromPrevious is { } d ? $"{d:0.0}" : "",
                    $"[blue]{new string('█', (int)Math.Round(20.0 * stage.Developers / top))}[/]");
            }

            AnsiConsole.Write(table);
            return 0;
        });

        var report = new Command("report", "Reports") { funnel };
        foreach (var command in ReachReportCommands.Create(runner))
        {
            report.Subcommands.Add(command);
        }

        return report;
    }
}

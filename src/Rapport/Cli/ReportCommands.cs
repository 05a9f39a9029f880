using System.CommandLine;
using Rapport.Core.Community;
using Rapport.Core.Funnel;
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
        var icp = new Option<string?>("--icp") { Description = "Only the developers in this ideal customer profile (rapport icp show)" };
        var channel = new Option<string?>("--channel") { Description = "Only the developers whose first activity came through this channel (newsletter, github.com)" };
        var json = GlobalOptions.Json("the report");
        var funnel = new Command("funnel", "The journey funnel: developers per stage, conversion and time between stages")
        {
            from, to, icp, channel, json,
        };
        runner.Attach(funnel, async (scope, cancellationToken) =>
        {
            var range = DateRange.Parse(scope.Get(from), scope.Get(to));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var profile = scope.Get(icp) is { } name ? (await scope.Store.GetIcpsAsync(workspace, cancellationToken)).Require(name).Name : null;
            var report = await scope.Store.GetFunnelAsync(workspace, new FunnelFilter(range, profile, scope.Get(channel)), cancellationToken);
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

        var report = new Command("report", "Reports") { funnel, Levels(runner), EventReportCommand.Create(runner), DocsGapCommands.Create(runner), CoverageCommands.Report(runner) };
        foreach (var command in ReachReportCommands.Create(runner))
        {
            report.Subcommands.Add(command);
        }

        return report;
    }

    private static Command Levels(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the report");
        var moves = new Option<int>("--moves") { Description = "Name at most this many members who moved per month (default 20)", DefaultValueFactory = _ => 20 };
        var icp = new Option<string?>("--icp") { Description = "Only the members in this ideal customer profile (rapport icp show)" };
        var levels = new Command("levels", "Community levels now and per month over the last 12 months, with promotions, demotions and who moved")
        {
            json, moves, icp,
        };
        runner.Attach(levels, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var profile = scope.Get(icp) is { } name ? (await scope.Store.GetIcpsAsync(workspace, cancellationToken)).Require(name).Name : null;
            var report = await scope.Store.GetLevelReportAsync(workspace, Math.Max(0, scope.Get(moves)), profile, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(report);
                return 0;
            }

            if (report.AsOf is null)
            {
                AnsiConsole.MarkupLine("No levels yet: run [bold]rapport outreach refresh[/] (or rapport serve, which refreshes on its own).");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Month")
                .AddColumn(new TableColumn("Passive").RightAligned()).AddColumn(new TableColumn("Active").RightAligned())
                .AddColumn(new TableColumn("Hero").RightAligned()).AddColumn(new TableColumn("Promoted").RightAligned())
                .AddColumn(new TableColumn("Demoted").RightAligned());
            foreach (var month in report.Months)
            {
                table.AddRow(month.Month, $"{month.Passive:N0}", $"{month.Active:N0}", $"{month.Hero:N0}", $"{month.Promotions:N0}", $"{month.Demotions:N0}");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(
                $"As of {report.AsOf:yyyy-MM-dd HH:mm}: [bold]{report.Current.Passive:N0}[/] passive, [bold]{report.Current.Active:N0}[/] active, " +
                $"[bold]{report.Current.Hero:N0}[/] heroes.");
            foreach (var month in report.Months.Where(month => month.Moved.Count > 0).TakeLast(3))
            {
                AnsiConsole.MarkupLine($"[bold]{month.Month}[/]: " + Markup.Escape(string.Join(", ", month.Moved.Select(move =>
                    $"{move.Name ?? move.Identity} {CommunityLevels.Name(move.From)} → {CommunityLevels.Name(move.To)}"))));
            }

            return 0;
        });
        return levels;
    }
}

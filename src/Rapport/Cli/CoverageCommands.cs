using System.CommandLine;
using Rapport.Connectors.Segment;
using Rapport.Core.Coverage;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport coverage set|show</c> and <c>rapport report coverage</c>: content supply against developer demand (docs/coverage.md).</summary>
internal static class CoverageCommands
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A JSON file: {\"dimensions\": {\"cloud\": {\"aws\": [\"amazon\"], \"azure\": []}}}" };
        var set = new Command("set", "Replace the workspace's coverage dimensions with those of a file") { file };
        runner.AttachAudited(set, "SetCoverageDimensions", async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            CoverageConfig config;
            try
            {
                config = CoverageConfig.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (CoverageException e)
            {
                throw new ImportLineException(path, e.Line, e.Reason);
            }

            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.SetCoverageConfigAsync(workspace, config, cancellationToken);
            Console.Out.WriteLine(
                $"{config.Dimensions.Count} dimensions set: {string.Join(", ", config.Dimensions.Select(dimension => $"{dimension.Name} ({dimension.Values.Count} values)"))}");
            return 0;
        });

        var show = new Command("show", "The coverage dimensions as a coverage file, with the traits and properties each reads");
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            Console.Out.WriteLine((await scope.Store.GetCoverageConfigAsync(workspace, cancellationToken)).ToJson());
            return 0;
        });

        return new Command("coverage", "The dimensions of the coverage matrix (cloud, language, …) and their synonyms") { set, show };
    }

    public static Command Report(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the matrix");
        var command = new Command("coverage", "Content supply against developer and question demand per dimension value; under-served cells") { json };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var report = await scope.Store.GetCoverageReportAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(report);
                return 0;
            }

            if (report.Dimensions.Count == 0)
            {
                AnsiConsole.MarkupLine("No coverage dimensions yet: describe them in a JSON file and run [bold]rapport coverage set FILE[/] (docs/coverage.md).");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Dimension").AddColumn("Value")
                .AddColumn(new TableColumn("Content").RightAligned()).AddColumn(new TableColumn("Developers").RightAligned())
                .AddColumn(new TableColumn("Questions").RightAligned()).AddColumn(new TableColumn("Supply").RightAligned())
                .AddColumn(new TableColumn("Demand").RightAligned());
            foreach (var cell in report.Dimensions.SelectMany(row => row.Cells))
            {
                var mark = cell.UnderServed ? "[red]" : "[default]";
                table.AddRow(
                    Markup.Escape(cell.Dimension), $"{mark}{Markup.Escape(cell.Value)}[/]", $"{cell.ContentItems:N0}", $"{cell.Developers:N0}",
                    $"{cell.Questions:N0}", $"{cell.SupplyShare:P0}", $"{mark}{cell.DemandShare:P0}[/]");
            }

            AnsiConsole.Write(table);
            foreach (var gap in report.UnderServed)
            {
                AnsiConsole.MarkupLine($"[red]Under-served[/] {Markup.Escape(gap.Reason)}");
            }

            return 0;
        });
        return command;
    }
}

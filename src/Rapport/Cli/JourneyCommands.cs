using System.CommandLine;
using Rapport.Core.Journey;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport journey set|show</c>: the rules from activity types to journey stages.</summary>
internal static class JourneyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A journey map JSON file (see docs/journey.md)" };
        var set = new Command("set", "Replace the journey map and re-derive every developer's stage") { file };
        runner.AttachAudited(set, "SetJourneyMap", async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            JourneyMap map;
            try
            {
                map = JourneyMap.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (JourneyMapException e)
            {
                throw new CliException($"{path}: {e.Message}");
            }

            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.SetJourneyMapAsync(workspace, map, cancellationToken);
            AnsiConsole.MarkupLine($"Journey map set for [bold]{Markup.Escape(workspace.Slug)}[/]; stages re-derived.");
            return 0;
        });

        var json = GlobalOptions.Json("the journey map");
        var show = new Command("show", "Show the journey map") { json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.Store.FindWorkspaceAsync(scope.WorkspaceSlug, cancellationToken);
            var map = workspace is null ? JourneyMap.Default : await scope.Store.GetJourneyMapAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                Console.Out.WriteLine(map.ToJson());
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Stage").AddColumn("Activity types");
            foreach (var stage in JourneyStages.All)
            {
                table.AddRow(JourneyStages.Name(stage), Markup.Escape(string.Join(", ", map.Stages[stage])));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Stalled after [bold]{map.StalledAfterDays}[/] days without activity.");
            return 0;
        });

        return new Command("journey", "The journey map: which activities move developers to which stage") { set, show };
    }
}

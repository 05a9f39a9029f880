using System.CommandLine;
using Rapport.Connectors.Segment;
using Rapport.Core.Icps;
using Rapport.Core.Journey;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport icp set|show|refresh</c>: ideal customer profiles (docs/icps.md).</summary>
internal static class IcpCommands
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A JSON file: {\"icps\": [{\"name\": …, \"description\": …, \"rule\": …}]}" };
        var set = new Command("set", "Replace the workspace's ICPs with those of a file and work out who is in each") { file };
        runner.AttachAudited(set, "SetIcps", async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            IcpSet icps;
            try
            {
                icps = IcpSet.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            }
            catch (IcpException e)
            {
                throw new ImportLineException(path, e.Line, e.Reason);
            }

            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var refresh = await scope.Store.SetIcpsAsync(workspace, icps, cancellationToken);
            PrintRefresh(refresh);
            return 0;
        });

        var json = GlobalOptions.Json("the ICPs, their members and coverage");
        var show = new Command("show", "The ICPs, how many developers are in each, at which stages, and the content tagged for them") { json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var summary = await scope.Store.GetIcpSummaryAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(summary);
                return 0;
            }

            if (summary.Coverage.Count == 0)
            {
                AnsiConsole.MarkupLine("No ICPs yet: describe them in a JSON file and run [bold]rapport icp set FILE[/] (docs/icps.md).");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("ICP").AddColumn(new TableColumn("Developers").RightAligned());
            foreach (var stage in JourneyStages.All)
            {
                table.AddColumn(new TableColumn(JourneyStages.Name(stage)).RightAligned());
            }

            table.AddColumn("Content tagged for it");
            foreach (var icp in summary.Coverage)
            {
                table.AddRow(
                    [
                        Markup.Escape(icp.Name) + (icp.Description is { } description ? $"\n[grey]{Markup.Escape(description)}[/]" : ""),
                        $"{icp.Members:N0}",
                        .. JourneyStages.All.Select(stage => $"{icp.Stages[stage]:N0}"),
                        Markup.Escape(string.Join(", ", icp.Content.Select(item => $"{item.Id} {item.Title}"))),
                    ]);
            }

            AnsiConsole.Write(table);
            if (summary.Refresh is { } refresh)
            {
                AnsiConsole.MarkupLine($"[grey]as of {refresh.AsOf:yyyy-MM-dd HH:mm} UTC, {refresh.MembersEvaluated:N0} developers evaluated[/]");
            }

            return 0;
        });

        var refresh = new Command("refresh", "Work out again who is in each ICP, from the developers' traits, organizations and activities now");
        runner.Attach(refresh, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            PrintRefresh(await scope.Store.RefreshIcpsAsync(workspace, scope.Clock.GetUtcNow().UtcDateTime, cancellationToken));
            return 0;
        });

        return new Command("icp", "Ideal customer profiles: whom content and events are for") { set, show, refresh };
    }

    private static void PrintRefresh(IcpRefresh refresh)
    {
        Console.Out.WriteLine($"{refresh.MembersEvaluated:N0} developers evaluated as of {refresh.AsOf:yyyy-MM-dd HH:mm} UTC");
        foreach (var (name, members) in refresh.Members)
        {
            Console.Out.WriteLine($"  {name}: {members:N0}");
        }
    }
}

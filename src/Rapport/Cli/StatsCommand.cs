using System.CommandLine;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport stats</c>: how much a workspace holds.</summary>
internal static class StatsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the counts");
        var stats = new Command("stats", "Counts of developers, identities and activities") { json };
        runner.Attach(stats, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var result = await scope.Store.GetStatsAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(result);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn(new TableColumn("Count").RightAligned());
            table.AddRow("developers", $"{result.Developers:N0}");
            table.AddRow("  identified", $"{result.IdentifiedDevelopers:N0}");
            table.AddRow("  anonymous", $"{result.AnonymousDevelopers:N0}");
            foreach (var (kind, count) in result.Identities)
            {
                table.AddRow($"identities: {Markup.Escape(kind)}", $"{count:N0}");
            }

            table.AddRow("activities", $"{result.Activities:N0}");
            foreach (var type in result.TopActivityTypes)
            {
                table.AddRow($"  {Markup.Escape(type.Type)}", $"{type.Count:N0}");
            }

            table.AddRow("first activity", result.FirstActivity is { } first ? $"{first:yyyy-MM-dd HH:mm}" : "");
            table.AddRow("last activity", result.LastActivity is { } last ? $"{last:yyyy-MM-dd HH:mm}" : "");
            AnsiConsole.Write(table);
            return 0;
        });
        return stats;
    }
}

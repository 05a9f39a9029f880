using System.CommandLine;
using Rapport.Core.Journey;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport orgs list</c>: the organizations developers work for, largest first.</summary>
internal static class OrganizationCommands
{
    public static Command Create(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the organizations");
        var list = new Command("list", "Organizations (company trait, else work email domain): developers, developers per stage, first seen") { json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var organizations = await scope.Store.ListOrganizationsAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(organizations);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Organization").AddColumn(new TableColumn("Developers").RightAligned());
            foreach (var stage in JourneyStages.All)
            {
                table.AddColumn(new TableColumn(JourneyStages.Name(stage)).RightAligned());
            }

            table.AddColumn("First seen");
            foreach (var organization in organizations)
            {
                table.AddRow(
                [
                    Markup.Escape(organization.Name), $"{organization.Developers:N0}",
                    .. JourneyStages.All.Select(stage => $"{organization.Stages[JourneyStages.Name(stage)]:N0}"),
                    organization.FirstSeen is { } first ? $"{first:yyyy-MM-dd}" : "",
                ]);
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return new Command("orgs", "Organizations") { list };
    }
}

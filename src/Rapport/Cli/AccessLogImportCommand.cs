using System.CommandLine;
using Rapport.Connectors.AccessLogs;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import access-log FILE [--site URL]</c>: page views per URL and day from a web server's log.</summary>
internal static class AccessLogImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "An access log in the Common or Combined Log Format (Apache, nginx)" };
        var site = new Option<string?>("--site") { Description = "The site the log is of (https://example.com), to match pages to content URLs" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the readable lines and list the others, instead of stopping at the first" };
        var command = new Command("access-log", "Import page views per URL and day, bots, paid and engaged views separated") { file, site, skipInvalid };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            AccessLogImport.CheckSite(scope.Get(site) ?? "");
            using var log = new StreamReader(path);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var (lines, rows) = await new AccessLogImport(scope.Store).ImportAsync(
                workspace, log, path, scope.Get(site) ?? "", scope.Get(skipInvalid), rejected => Console.Error.WriteLine(rejected.Message + " (skipped)"), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Page views").AddColumn(new TableColumn("Count").RightAligned());
            table.AddRow("lines read", $"{lines:N0}");
            table.AddRow("page views", $"{rows.Sum(row => row.Views):N0}");
            table.AddRow("human", $"{rows.Sum(row => row.HumanViews):N0}");
            table.AddRow("organic", $"{rows.Sum(row => row.OrganicViews):N0}");
            table.AddRow("validated", $"{rows.Sum(row => row.ValidatedViews):N0}");
            table.AddRow("paid engaged", $"{rows.Sum(row => row.PaidEngagedViews):N0}");
            table.AddRow("pages × days", $"{rows.Count:N0}");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

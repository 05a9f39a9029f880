using System.CommandLine;
using System.Text;
using Rapport.Connectors.Members;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import members FILE.csv</c> and <c>rapport export members FILE.csv</c>: developers by hand, from and to a spreadsheet.</summary>
internal static class MembersCsvCommands
{
    public static Command Import(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file with a header line, one developer a row; - for standard input" };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows and list the rejected ones, instead of stopping at the first bad row",
        };
        var command = new Command("members", "Import developers (identities, traits, tags) from a CSV file; see docs/members.md") { file, skipInvalid };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            var skip = scope.Get(skipInvalid);
            var name = path == "-" ? "<stdin>" : path;
            await using var input = path == "-"
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            using var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var reader = new MembersCsvReader(text, scope.Clock.GetUtcNow().UtcDateTime, scope.Settings.Import.CsvLimitsFor(MembersCsvReader.MaxRowBytes));
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var rejected = 0L;
            void Reject(MembersCsvRow row)
            {
                rejected++;
                Console.Error.WriteLine($"{name}:{row.LineNumber}: {row.Error} (skipped)");
            }

            var total = input.CanSeek ? input.Length : 0;
            var summary = await ImportProgress.RunAsync($"Importing {Path.GetFileName(name)}", total, progress =>
                new MembersCsvImport(scope.Store).ImportAsync(workspace, reader, name, skip, Reject,
                    _ => progress(input.CanSeek ? input.Position : 0), cancellationToken));

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Import").AddColumn(new TableColumn("Count").RightAligned());
            table.AddRow("rows read", $"{summary.MessagesRead + rejected:N0}");
            table.AddRow("rows stored (new)", $"{summary.ProfileUpdatesStored:N0}");
            table.AddRow("duplicates skipped", $"{summary.DuplicatesSkipped:N0}");
            table.AddRow("developers created", $"{summary.MembersCreated:N0}");
            table.AddRow("developers merged", $"{summary.MembersMerged:N0}");
            table.AddRow("identities added", $"{summary.IdentitiesAdded:N0}");
            table.AddRow("merges suggested", $"{summary.MergesSuggested:N0}");
            if (skip)
            {
                table.AddRow("rows rejected", $"{rejected:N0}");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    public static Command Export(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file to write (replaced if it exists); - for standard output" };
        var members = new Command("members", "Export every developer (identities, traits, organization, tags, stage) to a CSV file") { file };
        runner.Attach(members, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var export = new MembersCsvExport(scope.Store);
            if (path == "-")
            {
                await using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
                await export.ExportAsync(workspace, output, cancellationToken: cancellationToken);
                return 0;
            }

            // Written beside the target and moved over it at the end: an interrupted export leaves no half file.
            var partial = path + ".partial";
            long written;
            try
            {
                await using (var output = new StreamWriter(partial, append: false, new UTF8Encoding(false)))
                {
                    var total = (await scope.Store.GetStatsAsync(workspace, cancellationToken)).Developers;
                    written = await ImportProgress.RunAsync($"Exporting {Path.GetFileName(path)}", total,
                        progress => export.ExportAsync(workspace, output, done => progress(done), cancellationToken));
                }

                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }

            await Console.Error.WriteLineAsync($"Exported {written:N0} developers to {path}.");
            return 0;
        });
        return new Command("export", "Export data to a file") { members };
    }
}

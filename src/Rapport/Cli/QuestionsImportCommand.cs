using System.CommandLine;
using System.Text;
using Rapport.Connectors.Questions;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import questions FILE.csv</c>: support tickets and forum questions from a CSV export.</summary>
internal static class QuestionsImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file with a header line, one question a row; - for standard input" };
        var columns = new Option<string[]>("--column")
        {
            Description = "Which header holds a field, e.g. --column title=Subject (repeatable); fields: "
                + string.Join(", ", QuestionsCsvColumns.Defaults.Keys.Select(QuestionsCsvColumns.SnakeCase)) + ", or a platform such as github",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var channel = new Option<string>("--channel")
        {
            Description = $"The channel of rows without a channel column (default {QuestionsCsvReader.DefaultChannel}); part of each row's id",
            DefaultValueFactory = _ => QuestionsCsvReader.DefaultChannel,
        };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows and list the rejected ones, instead of stopping at the first bad row",
        };
        var command = new Command("questions", "Import questions (support tickets, forum posts) from a CSV file")
        {
            file, columns, channel, skipInvalid,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            var skip = scope.Get(skipInvalid);
            var overrides = QuestionsCsvColumns.ParseOverrides(scope.Get(columns) ?? []);
            var name = path == "-" ? "<stdin>" : path;
            await using var input = path == "-"
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            using var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var reader = new QuestionsCsvReader(text, overrides, scope.Get(channel)!, scope.Settings.Import.CsvLimitsFor(QuestionsCsvReader.MaxRowBytes));
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var import = new QuestionsCsvImport(scope.Store);
            var rejected = 0L;
            void Reject(QuestionsCsvRow row)
            {
                rejected++;
                Console.Error.WriteLine($"{name}:{row.LineNumber}: {row.Error} (skipped)");
            }

            var total = input.CanSeek ? input.Length : 0;
            var summary = await ImportProgress.RunAsync($"Importing {Path.GetFileName(name)}", total, progress =>
                import.ImportAsync(workspace, reader, name, skip, Reject, _ => progress(input.CanSeek ? input.Position : 0), cancellationToken));

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Import").AddColumn(new TableColumn("Count").RightAligned());
            table.AddRow("rows read", $"{summary.MessagesRead + rejected:N0}");
            table.AddRow("questions stored (new)", $"{summary.ActivitiesStored:N0}");
            table.AddRow("duplicates skipped", $"{summary.DuplicatesSkipped:N0}");
            table.AddRow("members created", $"{summary.MembersCreated:N0}");
            table.AddRow("members merged", $"{summary.MembersMerged:N0}");
            table.AddRow("identities added", $"{summary.IdentitiesAdded:N0}");
            if (skip)
            {
                table.AddRow("rows rejected", $"{rejected:N0}");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using Rapport.Connectors.Segment;
using Rapport.Core.Ingest;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import segment FILE</c>: Segment messages from JSON Lines.</summary>
internal static class ImportCommands
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A JSON Lines file, one Segment message per line; - for standard input" };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid lines and list the rejected ones, instead of stopping at the first bad line",
        };
        var segment = new Command("segment", "Import Segment Spec messages (track, page, screen, identify, alias, group)")
        {
            file, skipInvalid,
        };
        runner.Attach(segment, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            var skip = scope.Get(skipInvalid);
            var name = path == "-" ? "<stdin>" : path;
            await using var input = path == "-"
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var import = new SegmentImport(scope.Store, scope.Clock);
            var rejected = 0L;
            void Reject(ParsedLine line)
            {
                rejected++;
                Console.Error.WriteLine($"{name}:{line.LineNumber}: {line.Error!.Message} (skipped)");
            }

            var summary = await WithProgressAsync(input, name, progress =>
                import.ImportAsync(workspace, input, name, skip, Reject, progress, cancellationToken));
            PrintSummary(summary, rejected, skip);
            return 0;
        });

        return new Command("import", "Import data from a file")
        {
            segment,
            GitImportCommand.Create(runner),
            StackExchangeImportCommand.Create(runner),
            QuestionsImportCommand.Create(runner),
            MembersCsvCommands.Import(runner),
            ContentImportCommands.Feed(runner),
            ContentImportCommands.Markdown(runner),
            YouTubeImportCommand.Create(runner),
            AccessLogImportCommand.Create(runner),
            AttendeeImportCommand.Create(runner),
        };
    }

    /// <summary>A progress bar on a terminal; nothing on a pipe, so output stays clean for scripts.</summary>
    private static async Task<IngestSummary> WithProgressAsync(Stream input, string name, Func<Action<long>, Task<IngestSummary>> import)
    {
        if (Console.IsErrorRedirected || !input.CanSeek)
        {
            return await import(_ => { });
        }

        var total = input.Length;
        IngestSummary? summary = null;
        await CommandRunner.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {Markup.Escape(Path.GetFileName(name))}", maxValue: Math.Max(1, total));
                summary = await import(bytes => task.Value = bytes);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void PrintSummary(IngestSummary summary, long rejected, bool skipInvalid)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Import").AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("messages read", $"{summary.MessagesRead:N0}");
        table.AddRow("activities stored", $"{summary.ActivitiesStored:N0}");
        table.AddRow("profile updates stored", $"{summary.ProfileUpdatesStored:N0}");
        table.AddRow("duplicates skipped", $"{summary.DuplicatesSkipped:N0}");
        table.AddRow("members created", $"{summary.MembersCreated:N0}");
        table.AddRow("members merged", $"{summary.MembersMerged:N0}");
        table.AddRow("identities added", $"{summary.IdentitiesAdded:N0}");
        table.AddRow("merges suggested", $"{summary.MergesSuggested:N0}");
        if (skipInvalid)
        {
            table.AddRow("lines rejected", $"{rejected:N0}");
        }

        AnsiConsole.Write(table);
    }
}

using System.CommandLine;
using System.Text;
using Rapport.Connectors.Events;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import attendees FILE.csv --event ID</c>: an event's registrations and check-ins from an attendee list.</summary>
internal static class AttendeeImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file with a header line, one person a row; - for standard input" };
        var eventId = new Option<long>("--event") { Description = "The event's id (rapport events list)", Required = true };
        var columns = new Option<string[]>("--column")
        {
            Description = "Which header holds a field, e.g. --column email=\"Attendee Email\" (repeatable); fields: " + AttendeeCsvColumns.FieldNames,
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var allAttended = new Option<bool>("--all-attended") { Description = "Every row came: the file is a check-in list" };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Import the valid rows and list the rejected ones, instead of stopping at the first bad row",
        };
        var command = new Command("attendees", "Import an event's attendee list (registered and checked-in people) from a CSV file")
        {
            file, eventId, columns, allAttended, skipInvalid,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            var skip = scope.Get(skipInvalid);
            var overrides = AttendeeCsvColumns.ParseOverrides(scope.Get(columns) ?? []);
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var id = scope.Get(eventId);
            var devRelEvent = await scope.Store.GetEventAsync(workspace, id, cancellationToken)
                ?? throw new CliException($"there is no event {id} in workspace '{workspace.Slug}' (rapport events add)");
            var name = path == "-" ? "<stdin>" : path;
            await using var input = path == "-"
                ? Console.OpenStandardInput()
                : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            using var text = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var reader = new AttendeeCsvReader(text, devRelEvent, overrides, scope.Get(allAttended), scope.Settings.Import.CsvLimitsFor(AttendeeCsvReader.MaxRowBytes));
            var summary = await new AttendeeCsvImport(scope.Store).ImportAsync(
                workspace, reader, name, skip, row => Console.Error.WriteLine($"{name}:{row.LineNumber}: {row.Error} (skipped)"), cancellationToken);

            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{devRelEvent.Id}: {devRelEvent.Name}"))
                .AddColumn("Import").AddColumn(new TableColumn("Count").RightAligned());
            table.AddRow("rows read", $"{summary.Rows:N0}");
            table.AddRow("registered", $"{summary.Registered:N0}");
            table.AddRow("checked in", $"{summary.Attended:N0}");
            table.AddRow("activities stored (new)", $"{summary.Ingest.ActivitiesStored:N0}");
            table.AddRow("duplicates skipped", $"{summary.Ingest.DuplicatesSkipped:N0}");
            table.AddRow("members created", $"{summary.Ingest.MembersCreated:N0}");
            if (skip)
            {
                table.AddRow("rows rejected", $"{summary.Rejected:N0}");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

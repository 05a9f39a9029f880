using System.CommandLine;
using System.Globalization;
using Rapport.Core.Events;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport report events</c>: every event's return, and in-person against online (docs/events.md).</summary>
internal static class EventReportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the report");
        var command = new Command("events", "Each event's return (attendees, engagement, stage progressions against baselines, cost per result) and formats compared")
        {
            json,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var report = await scope.Store.GetEventsReportAsync(workspace, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(report);
                return 0;
            }

            if (report.Events.Count == 0)
            {
                AnsiConsole.MarkupLine("No events yet: add one with [bold]rapport events add[/] and import its attendees with [bold]rapport import attendees[/].");
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Id").RightAligned()).AddColumn("Event").AddColumn("Format")
                .AddColumn(new TableColumn("Reach").RightAligned()).AddColumn(new TableColumn("Reg.").RightAligned())
                .AddColumn(new TableColumn("Att.").RightAligned()).AddColumn(new TableColumn("Active 30d").RightAligned())
                .AddColumn(new TableColumn("Moved on 30d/90d").RightAligned()).AddColumn(new TableColumn("Rate 90d").RightAligned())
                .AddColumn(new TableColumn("Own before").RightAligned()).AddColumn(new TableColumn("Peers").RightAligned())
                .AddColumn("Cost per attendee / engaged / progression");
            foreach (var row in report.Events)
            {
                table.AddRow(
                    row.EventId.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape($"{row.Name} ({row.StartsOn:yyyy-MM-dd})"),
                    EventNames.Name(row.Format),
                    $"{row.Reach:N0}", $"{row.Registered:N0}", $"{row.Attended:N0}", $"{row.ActiveWithin30Days:N0}",
                    $"{row.ProgressedWithin30Days:N0}/{row.ProgressedWithin90Days:N0}",
                    EventCommands.Rate(row.ProgressionRate90), EventCommands.Rate(row.OwnBaselineRate90), EventCommands.Rate(row.PeerBaselineRate90),
                    Markup.Escape(string.Join("\n", row.Costs.Select(cost =>
                        $"{EventCommands.Money(cost.PerAttendee)} / {EventCommands.Money(cost.PerEngagedDeveloper)} / {EventCommands.Money(cost.PerProgression)} {cost.Currency}"))));
            }

            AnsiConsole.Write(table);
            var formats = new Table().Border(TableBorder.Rounded).Title("In-person, online and hybrid").AddColumn("Format")
                .AddColumn(new TableColumn("Events").RightAligned()).AddColumn(new TableColumn("Reach").RightAligned())
                .AddColumn(new TableColumn("Moved on 90d").RightAligned()).AddColumn(new TableColumn("Effort h").RightAligned())
                .AddColumn(new TableColumn("Reach / h").RightAligned()).AddColumn(new TableColumn("Moved on / h").RightAligned())
                .AddColumn("Per 1,000 spent: reach / moved on");
            foreach (var format in report.Formats)
            {
                formats.AddRow(
                    EventNames.Name(format.Format), $"{format.Events:N0}", $"{format.Reach:N0}", $"{format.ProgressedWithin90Days:N0}",
                    format.EffortHours is { } hours ? $"{hours:0.#}" : "–", Number(format.ReachPerEffortHour), Number(format.ProgressionsPerEffortHour),
                    Markup.Escape(string.Join("\n", format.Costs.Select(cost =>
                        $"{Number(cost.ReachPerThousand)} / {Number(cost.ProgressionsPerThousand)} per 1,000 {cost.Currency}"))));
            }

            AnsiConsole.Write(formats);
            return 0;
        });
        return command;
    }

    private static string Number(double? value) => value is { } x ? x.ToString("#,0.##", CultureInfo.InvariantCulture) : "–";
}

using System.CommandLine;
using System.Globalization;
using Rapport.Core.Events;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport events add|edit|list|show</c>: the events a DevRel team ran or took part in (docs/events.md).</summary>
internal static class EventCommands
{
    public static Command Create(CommandRunner runner)
    {
        var fields = new FieldOptions();
        var addJson = GlobalOptions.Json("the new event");
        var add = new Command("add", "Add an event (name, kind, format and start date required)") { addJson };
        fields.AddTo(add);
        runner.Attach(add, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var devRelEvent = await scope.Store.AddEventAsync(workspace, fields.Read(scope), cancellationToken);
            Print(devRelEvent, scope.Get(addJson), "Added");
            return 0;
        });

        var editId = new Argument<long>("ID") { Description = "The event's id, as events list shows it" };
        var editJson = GlobalOptions.Json("the changed event");
        var edit = new Command("edit", "Change fields of an event; fields not given stay as they are") { editId, editJson };
        var changed = new FieldOptions();
        changed.AddTo(edit);
        runner.Attach(edit, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var id = scope.Get(editId);
            var devRelEvent = await scope.Store.UpdateEventAsync(workspace, id, changed.Read(scope), cancellationToken)
                ?? throw new CliException($"there is no event {id} in workspace '{workspace.Slug}'");
            Print(devRelEvent, scope.Get(editJson), "Changed");
            return 0;
        });

        var listJson = GlobalOptions.Json("the events");
        var list = new Command("list", "List the events, latest first") { listJson };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var events = await scope.Store.ListEventsAsync(workspace, cancellationToken);
            if (scope.Get(listJson))
            {
                JsonOutput.Write(events);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Id").RightAligned()).AddColumn("Starts")
                .AddColumn("Name").AddColumn("Kind").AddColumn("Format").AddColumn("Location").AddColumn("Cost").AddColumn(new TableColumn("Effort").RightAligned());
            foreach (var devRelEvent in events)
            {
                table.AddRow(
                    devRelEvent.Id.ToString(CultureInfo.InvariantCulture), devRelEvent.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Markup.Escape(devRelEvent.Name), EventNames.Name(devRelEvent.Kind), EventNames.Name(devRelEvent.Format),
                    Markup.Escape(devRelEvent.Location ?? ""), Markup.Escape(Costs(devRelEvent.Costs)),
                    devRelEvent.EffortHours is { } hours ? $"{hours:0.##} h" : "");
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{events.Count:N0} event(s)[/]");
            return 0;
        });

        var showId = new Argument<long>("ID") { Description = "The event's id" };
        var showJson = GlobalOptions.Json("the event, its return and the content that fits its audience");
        var show = new Command("show", "Show an event, its return, and the content items that fit its audience best") { showId, showJson };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var id = scope.Get(showId);
            var detail = await scope.Store.GetEventDetailAsync(workspace, id, cancellationToken)
                ?? throw new CliException($"there is no event {id} in workspace '{workspace.Slug}'");
            var devRelEvent = detail.Event;
            if (scope.Get(showJson))
            {
                JsonOutput.Write(detail);
                return 0;
            }

            var grid = new Grid().AddColumn().AddColumn();
            grid.AddRow("[bold]Event[/]", $"{devRelEvent.Id}: {Markup.Escape(devRelEvent.Name)}");
            grid.AddRow("Kind", $"{EventNames.Name(devRelEvent.Kind)}, {EventNames.Name(devRelEvent.Format)}");
            grid.AddRow("Dates", devRelEvent.StartsOn == devRelEvent.EndsOn
                ? devRelEvent.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : $"{devRelEvent.StartsOn:yyyy-MM-dd} to {devRelEvent.EndsOn:yyyy-MM-dd}");
            grid.AddRow("Location", Markup.Escape(devRelEvent.Location ?? ""));
            grid.AddRow("Audience", Markup.Escape(string.Join(", ", devRelEvent.AudienceTags)));
            grid.AddRow("Reported audience", devRelEvent.ReportedAudience is { } reported ? $"{reported:N0}" : "");
            grid.AddRow("Costs", Markup.Escape(Costs(devRelEvent.Costs)));
            grid.AddRow("Effort", devRelEvent.EffortHours is { } hours ? $"{hours:0.##} h" : "");
            grid.AddRow("Talks", string.Join(", ", devRelEvent.Talks));
            var roi = detail.Return;
            grid.AddRow("Registered / attended", $"{roi.Registered:N0} / {roi.Attended:N0}");
            grid.AddRow("Identified / active in 30 days", $"{roi.Identified:N0} / {roi.ActiveWithin30Days:N0}");
            grid.AddRow("Moved on within 30 / 90 days", $"{roi.ProgressedWithin30Days:N0} / {roi.ProgressedWithin90Days:N0}");
            grid.AddRow("Rate 90 days (own before, peers)", $"{Rate(roi.ProgressionRate90)} ({Rate(roi.OwnBaselineRate90)}, {Rate(roi.PeerBaselineRate90)})");
            foreach (var cost in roi.Costs)
            {
                grid.AddRow($"Per attendee / engaged / progression ({cost.Currency})",
                    $"{Money(cost.PerAttendee)} / {Money(cost.PerEngagedDeveloper)} / {Money(cost.PerProgression)}");
            }

            AnsiConsole.Write(grid);
            if (detail.FittingContent.Count > 0)
            {
                var fit = new Table().Border(TableBorder.Rounded).Title("Content that fits the audience").AddColumn(new TableColumn("Id").RightAligned())
                    .AddColumn("Title").AddColumn("Shared tags").AddColumn(new TableColumn("Score").RightAligned());
                foreach (var item in detail.FittingContent)
                {
                    fit.AddRow(item.ContentId.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Title), Markup.Escape(string.Join(", ", item.SharedTags)),
                        item.Score.ToString("0.000", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(fit);
            }

            return 0;
        });

        return new Command("events", "Events: conferences, workshops, meetups, podcasts, livestreams, webinars, and what they returned") { add, edit, list, show };
    }

    internal static string Costs(IReadOnlyList<EventCost> costs) =>
        string.Join(", ", costs.GroupBy(cost => cost.Currency).Select(group => $"{group.Sum(cost => cost.Amount).ToString("#,0.##", CultureInfo.InvariantCulture)} {group.Key}"));

    internal static string Rate(double? rate) => rate is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "–";

    internal static string Money(decimal? amount) => amount is { } value ? value.ToString("#,0.00", CultureInfo.InvariantCulture) : "–";

    private static void Print(DevRelEvent devRelEvent, bool json, string verb)
    {
        if (json)
        {
            JsonOutput.Write(devRelEvent);
            return;
        }

        Console.Out.WriteLine($"{verb} event {devRelEvent.Id}: {devRelEvent.Name}");
    }

    /// <summary>The fields <c>add</c> and <c>edit</c> share.</summary>
    private sealed class FieldOptions
    {
        private readonly Option<string?> _name = new("--name") { Description = "The event's name" };
        private readonly Option<string?> _kind = new("--kind") { Description = string.Join(", ", EventNames.KindNames) };
        private readonly Option<string?> _format = new("--format") { Description = string.Join(", ", EventNames.FormatNames) };
        private readonly Option<string?> _starts = new("--starts") { Description = "The first day: 2026-03-10" };
        private readonly Option<string?> _ends = new("--ends") { Description = "The last day, for an event of several days" };
        private readonly Option<string?> _location = new("--location") { Description = "Where: a city, a venue, or online" };
        private readonly Option<string?> _url = new("--url") { Description = "The event's page" };
        private readonly Option<string[]> _audience = new("--audience") { Description = "An audience tag: language, platform, topic, ICP (repeatable; replaces all)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<long?> _reported = new("--reported-audience") { Description = "The audience the organiser reported (badges, viewers, listens)" };
        private readonly Option<string[]> _cost = new("--cost") { Description = "CATEGORY:AMOUNT:CURRENCY, e.g. sponsorship:5000:EUR (repeatable; replaces all; categories sponsorship, travel, other)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<double?> _effort = new("--effort-hours") { Description = "Hours the team put in: preparation, travel, the event itself" };
        private readonly Option<long[]> _talk = new("--talk") { Description = "The id of a content item given there (repeatable; replaces all)", Arity = ArgumentArity.ZeroOrMore };
        private readonly Option<string?> _description = new("--description") { Description = "A short description" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _name, _kind, _format, _starts, _ends, _location, _url, _audience, _reported, _cost, _effort, _talk, _description })
            {
                command.Options.Add(option);
            }
        }

        public EventFields Read(CommandScope scope) => new()
        {
            Name = scope.Get(_name),
            Kind = scope.Get(_kind) is { } kind ? EventNames.ParseKind(kind) : null,
            Format = scope.Get(_format) is { } format ? EventNames.ParseFormat(format) : null,
            StartsOn = scope.Get(_starts) is { } starts ? ParseDay("--starts", starts) : null,
            EndsOn = scope.Get(_ends) is { } ends ? ParseDay("--ends", ends) : null,
            Location = scope.Get(_location),
            Url = scope.Get(_url),
            AudienceTags = scope.Get(_audience) is { Length: > 0 } tags ? tags : null,
            ReportedAudience = scope.Get(_reported),
            Costs = scope.Get(_cost) is { Length: > 0 } costs ? [.. costs.Select(EventCost.Parse)] : null,
            EffortHours = scope.Get(_effort),
            Talks = scope.Get(_talk) is { Length: > 0 } talks ? talks : null,
            Description = scope.Get(_description),
        };

        private static DateOnly ParseDay(string option, string text) =>
            DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new CliException($"{option} '{text}' is not a date such as 2026-03-10");
    }
}

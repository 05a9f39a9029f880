using System.CommandLine;
using System.Globalization;
using Rapport.Core.Outreach;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport outreach refresh|list|show|update</c>: who to help today, as tasks a person works through.</summary>
internal static class OutreachCommands
{
    public static Command Create(CommandRunner runner) =>
        new("outreach", "The outreach queue: suggested, human-sent messages to developers who may need help")
        {
            Refresh(runner), List(runner), Show(runner), Update(runner),
        };

    private static Command Refresh(CommandRunner runner)
    {
        var asOf = new Option<string?>("--as-of") { Description = "Derive everything as of this date or time instead of now (2026-04-01)" };
        var json = GlobalOptions.Json("what changed");
        var refresh = new Command("refresh", "Re-derive levels and stalled developers, and add the outreach tasks the rules call for") { asOf, json };
        runner.Attach(refresh, async (scope, cancellationToken) =>
        {
            var at = scope.Get(asOf) is { } text ? CliDates.Parse(text, "--as-of") : scope.Clock.GetUtcNow().UtcDateTime;
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var result = await scope.Store.RefreshCommunityAsync(workspace, at, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(result);
                return 0;
            }

            AnsiConsole.MarkupLine(
                $"Refreshed {result.Members:N0} members as of {result.AsOf:yyyy-MM-dd HH:mm}: {result.LevelChanges.Count:N0} changed level, " +
                $"{result.BecameStalled.Count:N0} became stalled, {result.TasksCreated.Count:N0} outreach tasks created.");
            return 0;
        });
        return refresh;
    }

    private static Command List(CommandRunner runner)
    {
        var status = new Option<string?>("--status") { Description = "open, snoozed, done or dismissed" };
        var reason = new Option<string?>("--reason") { Description = "stalled, unanswered_question, hero_quiet, hero_candidate or feedback_shipped" };
        var assignee = new Option<string?>("--assignee") { Description = "Only tasks assigned to this person" };
        var member = new Option<string?>("--member") { Description = "Only this developer's tasks (kind:value)" };
        var limit = new Option<int>("--limit") { Description = "At most this many (default 100)", DefaultValueFactory = _ => 100 };
        var json = GlobalOptions.Json("the tasks (an array)");
        var list = new Command("list", "List outreach tasks, oldest first") { status, reason, assignee, member, limit, json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            long? memberId = scope.Get(member) is { } identity ? (await CommunityCommands.FindMemberAsync(scope, identity, cancellationToken)).MemberId : null;
            var query = new OutreachQuery
            {
                MemberId = memberId,
                Status = scope.Get(status) is { } s ? ParseStatus(s) : null,
                Reason = scope.Get(reason) is { } r
                    ? OutreachReasons.TryParse(r, out var parsed) ? parsed : throw new CliException(
                        $"--reason \"{r}\" is not a reason; use {string.Join(", ", OutreachReasons.All.Select(OutreachReasons.Name))}")
                    : null,
                Assignee = scope.Get(assignee),
                Limit = Math.Clamp(scope.Get(limit), 1, OutreachQuery.MaxLimit),
            };
            var page = await scope.Store.ListOutreachTasksAsync(workspace, query, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(page.Tasks);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("Id").RightAligned()).AddColumn("Reason").AddColumn("Status")
                .AddColumn("Developer").AddColumn("Stage").AddColumn("Assignee").AddColumn("Created");
            foreach (var task in page.Tasks)
            {
                table.AddRow(task.Id.ToString(CultureInfo.InvariantCulture), OutreachReasons.Name(task.Reason), Describe(task),
                    Markup.Escape(task.Name ?? task.Identities.FirstOrDefault() ?? ""), task.Stage is { } stage ? Core.Journey.JourneyStages.Name(stage) : "",
                    Markup.Escape(task.Assignee ?? ""), task.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{page.Total:N0} in all.");
            return 0;
        });
        return list;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The task's number" };
        var json = GlobalOptions.Json("the task");
        var show = new Command("show", "Show one task: the evidence and the suggested message") { id, json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var task = await scope.Store.GetOutreachTaskAsync(workspace, scope.Get(id), cancellationToken)
                ?? throw new CliException($"there is no outreach task {scope.Get(id)} in workspace '{workspace.Slug}'");
            Print(task, scope.Get(json));
            return 0;
        });
        return show;
    }

    private static Command Update(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The task's number" };
        var status = new Option<string?>("--status") { Description = "open, snoozed, done or dismissed" };
        var until = new Option<string?>("--until") { Description = "With --status snoozed: when the task opens again (2026-04-15)" };
        var assignee = new Option<string?>("--assignee") { Description = "Who takes the task (\"\" un-assigns it)" };
        var note = new Option<string?>("--note") { Description = "A note: what was tried, what the developer said" };
        var by = CommunityCommands.By();
        var json = GlobalOptions.Json("the task");
        var update = new Command("update", "Change a task's status, assignee or notes") { id, status, until, assignee, note, by, json };
        runner.Attach(update, async (scope, cancellationToken) =>
        {
            var change = new OutreachTaskUpdate(
                scope.Get(status) is { } s ? ParseStatus(s) : null,
                scope.Get(until) is { } u ? CliDates.Parse(u, "--until") : null,
                scope.Get(assignee),
                scope.Get(note));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var task = await scope.Store.UpdateOutreachTaskAsync(workspace, scope.Get(id), change, scope.Get(by)!, cancellationToken)
                ?? throw new CliException($"there is no outreach task {scope.Get(id)} in workspace '{workspace.Slug}'");
            Print(task, scope.Get(json));
            return 0;
        });
        return update;
    }

    private static OutreachStatus ParseStatus(string text) =>
        OutreachStatuses.TryParse(text, out var status)
            ? status.Value
            : throw new CliException($"--status \"{text}\" is not a status; use {string.Join(", ", OutreachStatuses.All.Select(OutreachStatuses.Name))}");

    private static string Describe(OutreachTask task) =>
        task.Status == OutreachStatus.Snoozed && task.SnoozedUntil is { } until
            ? $"snoozed until {until:yyyy-MM-dd}"
            : OutreachStatuses.Name(task.Status);

    private static void Print(OutreachTask task, bool json)
    {
        if (json)
        {
            JsonOutput.Write(task);
            return;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("[bold]Task[/]", $"{task.Id} · {OutreachReasons.Name(task.Reason)} · {Describe(task)}");
        grid.AddRow("Developer", Markup.Escape($"{task.Name} {string.Join(", ", task.Identities)}".Trim()));
        grid.AddRow("Stage", task.Stage is { } stage ? Core.Journey.JourneyStages.Name(stage) : "");
        grid.AddRow("Last activity", task.Evidence.LastActivityAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
        if (task.Evidence.Question is { } question)
        {
            grid.AddRow("Question", Markup.Escape(question));
        }

        grid.AddRow("Assignee", Markup.Escape(task.Assignee ?? ""));
        grid.AddRow("Message", Markup.Escape(task.Message));
        foreach (var note in task.Notes)
        {
            grid.AddRow($"  {note.CreatedAt:yyyy-MM-dd}", Markup.Escape($"{note.Author}: {note.Body}"));
        }

        AnsiConsole.Write(grid);
    }
}

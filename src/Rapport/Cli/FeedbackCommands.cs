using System.CommandLine;
using System.Globalization;
using Rapport.Core.Feedback;
using Rapport.Core.Identities;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport feedback add|list|show|update|vote|suggestions|dismiss</c>: product feedback, and closing the loop when it ships.</summary>
internal static class FeedbackCommands
{
    private static readonly string KindNames = string.Join(", ", FeedbackNames.Kinds.Select(FeedbackNames.Name));
    private static readonly string StatusNames = string.Join(", ", FeedbackNames.Statuses.Select(FeedbackNames.Name));

    public static Command Create(CommandRunner runner) =>
        new("feedback", "Product feedback: bugs, feature requests, docs problems and friction developers raised")
        {
            Add(runner), List(runner), Show(runner), Update(runner), Vote(runner), Suggestions(runner), Dismiss(runner),
        };

    private static Command Add(CommandRunner runner)
    {
        var title = new Argument<string?>("TITLE") { Description = "What they asked for or ran into (optional with --from)", Arity = ArgumentArity.ZeroOrOne };
        var kind = new Option<string>("--kind") { Description = KindNames, Required = true };
        var area = new Option<string?>("--area") { Description = "The product area (cli, billing, webhooks)" };
        var body = new Option<string?>("--body") { Description = "More detail" };
        var tracker = new Option<string?>("--tracker") { Description = "The product team's ticket (https://…)" };
        var from = new Option<string?>("--from") { Description = "Confirm a suggestion: the message id of the question or issue it came from" };
        var raisedBy = new Option<string[]>("--raised-by") { Description = "A developer who raised it (kind:value); repeatable", AllowMultipleArgumentsPerToken = false };
        var organization = new Option<string[]>("--organization") { Description = "A company that raised it without a developer named; repeatable" };
        var by = CommunityCommands.By();
        var json = GlobalOptions.Json("the item");
        var add = new Command("add", "Record a piece of feedback") { title, kind, area, body, tracker, from, raisedBy, organization, by, json };
        runner.Attach(add, async (scope, cancellationToken) =>
        {
            var draft = new FeedbackDraft(
                scope.Get(title), ParseKind(scope.Get(kind)!), scope.Get(body), scope.Get(area), scope.Get(tracker), scope.Get(from),
                [.. (scope.Get(raisedBy) ?? []).Select(ParseIdentity)], scope.Get(organization) ?? []);
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var item = await scope.Store.AddFeedbackAsync(workspace, draft, scope.Get(by)!, cancellationToken);
            Print(item, scope.Get(json));
            return 0;
        });
        return add;
    }

    private static Command List(CommandRunner runner)
    {
        var status = new Option<string?>("--status") { Description = StatusNames };
        var kind = new Option<string?>("--kind") { Description = KindNames };
        var area = new Option<string?>("--area") { Description = "Only this product area" };
        var json = GlobalOptions.Json("the groups: area, score, developers and items, highest first");
        var list = new Command("list", "Feedback grouped by product area, ranked by the developers who raised it weighted by stage") { status, kind, area, json };
        runner.Attach(list, async (scope, cancellationToken) =>
        {
            var query = new FeedbackQuery(
                scope.Get(status) is { } s ? ParseStatus(s) : null, scope.Get(kind) is { } k ? ParseKind(k) : null, scope.Get(area));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var groups = FeedbackRanking.Group(await scope.Store.ListFeedbackAsync(workspace, query, cancellationToken));
            if (scope.Get(json))
            {
                JsonOutput.Write(groups);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Area").AddColumn(new TableColumn("Id").RightAligned()).AddColumn("Feedback")
                .AddColumn("Kind").AddColumn("Status").AddColumn(new TableColumn("Developers").RightAligned()).AddColumn(new TableColumn("Score").RightAligned());
            foreach (var group in groups)
            {
                foreach (var item in group.Items)
                {
                    table.AddRow(
                        item == group.Items[0] ? Markup.Escape($"{group.Area ?? "(none)"} ({group.Score:0.##})") : "",
                        item.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(item.Title), FeedbackNames.Name(item.Kind), FeedbackNames.Name(item.Status),
                        item.Developers.ToString(CultureInfo.InvariantCulture), item.Score.ToString("0.##", CultureInfo.InvariantCulture));
                }
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The item's number" };
        var json = GlobalOptions.Json("the item");
        var show = new Command("show", "Show one item with who raised and upvoted it") { id, json };
        runner.Attach(show, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var item = await scope.Store.GetFeedbackAsync(workspace, scope.Get(id), cancellationToken)
                ?? throw new CliException($"there is no feedback {scope.Get(id)} in workspace '{workspace.Slug}'");
            Print(item, scope.Get(json));
            return 0;
        });
        return show;
    }

    private static Command Update(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The item's number" };
        var status = new Option<string?>("--status") { Description = $"{StatusNames}; shipped creates an outreach task for each developer who asked" };
        var kind = new Option<string?>("--kind") { Description = KindNames };
        var title = new Option<string?>("--title") { Description = "A new title" };
        var area = new Option<string?>("--area") { Description = "The product area (\"\" clears it)" };
        var tracker = new Option<string?>("--tracker") { Description = "The product team's ticket (\"\" clears it)" };
        var by = CommunityCommands.By();
        var json = GlobalOptions.Json("the item and outreachTasksCreated");
        var update = new Command("update", "Change an item's status, kind, title, area or tracker link") { id, status, kind, title, area, tracker, by, json };
        runner.Attach(update, async (scope, cancellationToken) =>
        {
            var change = new FeedbackUpdate(
                scope.Get(status) is { } s ? ParseStatus(s) : null, scope.Get(kind) is { } k ? ParseKind(k) : null,
                scope.Get(title), scope.Get(area), scope.Get(tracker));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var result = await scope.Store.UpdateFeedbackAsync(workspace, scope.Get(id), change, scope.Get(by)!, cancellationToken)
                ?? throw new CliException($"there is no feedback {scope.Get(id)} in workspace '{workspace.Slug}'");
            if (scope.Get(json))
            {
                JsonOutput.Write(result);
                return 0;
            }

            Print(result.Item, json: false);
            if (result.OutreachTasksCreated > 0)
            {
                AnsiConsole.MarkupLine($"{result.OutreachTasksCreated:N0} outreach tasks created to tell the developers who asked (rapport outreach list --reason feedback_shipped).");
            }

            return 0;
        });
        return update;
    }

    private static Command Dismiss(CommandRunner runner)
    {
        var message = new Argument<string>("MESSAGE_ID") { Description = "The question or issue that is not feedback (its message id, as suggestions list it)" };
        var by = CommunityCommands.By();
        var dismiss = new Command("dismiss", "Stop suggesting a question or issue as feedback") { message, by };
        runner.Attach(dismiss, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var dismissed = await scope.Store.DismissFeedbackSuggestionAsync(workspace, scope.Get(message)!, scope.Get(by)!, cancellationToken);
            Console.Out.WriteLine(dismissed ? $"{scope.Get(message)} is no longer suggested." : $"{scope.Get(message)} was dismissed already.");
            return 0;
        });
        return dismiss;
    }

    private static Command Vote(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The item's number" };
        var identity = new Argument<string>("IDENTITY") { Description = "The developer (kind:value)" };
        var raised = new Option<bool>("--raised") { Description = "They raised it themselves (default: an upvote)" };
        var message = new Option<string?>("--message-id") { Description = "The activity they raised it in" };
        var by = CommunityCommands.By();
        var json = GlobalOptions.Json("the item");
        var vote = new Command("vote", "Add a developer who raised or upvoted an item") { id, identity, raised, message, by, json };
        runner.Attach(vote, async (scope, cancellationToken) =>
        {
            var developer = ParseIdentity(scope.Get(identity)!);
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var item = await scope.Store.AddFeedbackVoterAsync(workspace, scope.Get(id), developer, scope.Get(raised), scope.Get(message), scope.Get(by)!, cancellationToken)
                ?? throw new CliException($"there is no feedback {scope.Get(id)} in workspace '{workspace.Slug}'");
            Print(item, scope.Get(json));
            return 0;
        });
        return vote;
    }

    private static Command Suggestions(CommandRunner runner)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many (default 50)", DefaultValueFactory = _ => 50 };
        var json = GlobalOptions.Json("the suggestions (an array)");
        var suggestions = new Command("suggestions", "Questions and issues that read as feedback, to confirm with feedback add --from") { limit, json };
        runner.Attach(suggestions, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var list = await scope.Store.ListFeedbackSuggestionsAsync(workspace, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(list);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("Message id").AddColumn("Title").AddColumn("Kind").AddColumn("Because").AddColumn("When");
            foreach (var suggestion in list)
            {
                table.AddRow(Markup.Escape(suggestion.MessageId), Markup.Escape(suggestion.Title), FeedbackNames.Name(suggestion.Kind),
                    Markup.Escape($"\"{suggestion.Reason}\""), suggestion.OccurredAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return suggestions;
    }

    private static void Print(FeedbackItem item, bool json)
    {
        if (json)
        {
            JsonOutput.Write(item);
            return;
        }

        AnsiConsole.MarkupLine($"[bold]#{item.Id} {Markup.Escape(item.Title)}[/]");
        AnsiConsole.MarkupLine(
            $"{FeedbackNames.Name(item.Kind)} · {FeedbackNames.Name(item.Status)} · area {Markup.Escape(item.Area ?? "(none)")} · " +
            $"{item.Developers:N0} developers · score {item.Score:0.##}");
        if (item.TrackerUrl is { } url)
        {
            AnsiConsole.MarkupLine($"Tracker: {Markup.Escape(url)}");
        }

        foreach (var voter in item.Voters)
        {
            AnsiConsole.MarkupLine(Markup.Escape(
                $"  {(voter.Raised ? "raised" : "upvoted")} by {voter.Name ?? voter.Identity} ({voter.Identity}, {(voter.Stage is { } stage ? Core.Journey.JourneyStages.Name(stage) : "no stage")})"));
        }

        foreach (var organization in item.Organizations)
        {
            AnsiConsole.MarkupLine($"  raised by {Markup.Escape(organization)}");
        }
    }

    private static Identity ParseIdentity(string text) =>
        Identity.TryParse(text, out var identity, out var reason) ? identity : throw new CliException(reason);

    private static FeedbackKind ParseKind(string text) =>
        FeedbackNames.TryParseKind(text, out var kind) ? kind.Value : throw new CliException($"--kind \"{text}\" is not a kind; use {KindNames}");

    private static FeedbackStatus ParseStatus(string text) =>
        FeedbackNames.TryParseStatus(text, out var status) ? status.Value : throw new CliException($"--status \"{text}\" is not a status; use {StatusNames}");
}

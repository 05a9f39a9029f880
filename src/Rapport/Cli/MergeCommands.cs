using System.CommandLine;
using System.Globalization;
using Rapport.Core.Identities;
using Rapport.Core.Members;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary>
/// <c>rapport members suggestions|merge|unmerge|merges|undo-merge</c>: fixing who is who by hand. Every change is
/// recorded with who made it (<c>--by</c>, the user running the command by default) and can be undone.
/// </summary>
internal static class MergeCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner) =>
        [Suggestions(runner), Merge(runner), Unmerge(runner), Merges(runner), UndoMerge(runner)];

    private static Option<string> By() => new("--by")
    {
        Description = "Who makes the change, for the record (default: the user running the command)",
        DefaultValueFactory = _ => Environment.UserName,
    };

    private static Option<string> Reason() => new("--reason") { Description = "Why, for the record" };

    private static Command Suggestions(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the suggestions");
        var status = new Option<string>("--status")
        {
            Description = "open (default: looks for new ones first), merged or dismissed",
            DefaultValueFactory = _ => MergeSuggestionStatus.Open,
        };
        status.AcceptOnlyFromAmong(MergeSuggestionStatus.Open, MergeSuggestionStatus.Merged, MergeSuggestionStatus.Dismissed);
        var limit = new Option<int>("--limit") { Description = "At most this many (default 100)", DefaultValueFactory = _ => 100 };
        var id = new Argument<long>("ID") { Description = "The suggestion's id, as rapport members suggestions shows it" };
        var by = By();

        var dismiss = new Command("dismiss", "Dismiss a suggestion: the two are different people, and are kept apart from now on") { id, by };
        runner.AttachAudited(dismiss, "DismissMergeSuggestion", async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var dismissed = await scope.Store.DismissMergeSuggestionAsync(workspace, scope.Get(id), scope.Get(by)!, cancellationToken);
            Console.WriteLine($"Dismissed suggestion {dismissed.Id}: {Describe(dismissed.Developer)} and {Describe(dismissed.Other)} are kept apart.");
            return 0;
        });

        var acceptBy = By();
        var acceptId = new Argument<long>("ID") { Description = "The suggestion's id, as rapport members suggestions shows it" };
        var accept = new Command("accept", "Merge the two developers of a suggestion") { acceptId, acceptBy };
        runner.AttachAudited(accept, "AcceptMergeSuggestion", async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            PrintMerge(await scope.Store.AcceptMergeSuggestionAsync(workspace, scope.Get(acceptId), scope.Get(acceptBy)!, cancellationToken));
            return 0;
        });

        var command = new Command("suggestions", "Developers who are probably one person, surest first, with the reason; looks for new ones first")
        {
            json, status, limit, dismiss, accept,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var found = scope.Get(status) == MergeSuggestionStatus.Open
                ? await scope.Store.RefreshMergeSuggestionsAsync(workspace, cancellationToken)
                : 0;
            var suggestions = await scope.Store.ListMergeSuggestionsAsync(workspace, scope.Get(status)!, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(suggestions);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("Id").RightAligned()).AddColumn(new TableColumn("Confidence").RightAligned())
                .AddColumn("Developer").AddColumn("Developer").AddColumn("Why");
            foreach (var suggestion in suggestions)
            {
                table.AddRow(
                    suggestion.Id.ToString(CultureInfo.InvariantCulture), suggestion.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                    Markup.Escape(Describe(suggestion.Developer)), Markup.Escape(Describe(suggestion.Other)),
                    Markup.Escape($"{suggestion.Rule}: {suggestion.Reason}"));
            }

            AnsiConsole.Write(table);
            if (scope.Get(status) == MergeSuggestionStatus.Open)
            {
                Console.WriteLine(
                    $"{found:N0} new. Merge with rapport members suggestions accept ID, or dismiss ID if they are different people.");
            }

            return 0;
        });
        return command;
    }

    private static Command Merge(CommandRunner runner)
    {
        var identity = new Argument<string>("A") { Description = "An identity of one developer, kind:value" };
        var other = new Argument<string>("B") { Description = "An identity of the other developer, kind:value" };
        var (by, reason) = (By(), Reason());
        var command = new Command("merge", "Merge two developers into one (the older keeps its id); recorded, and can be undone")
        {
            identity, other, by, reason,
        };
        runner.AttachAudited(command, "MergeMembers", async (scope, cancellationToken) =>
        {
            var (a, b) = (Parse(scope.Get(identity)), Parse(scope.Get(other)));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            PrintMerge(await scope.Store.MergeMembersAsync(workspace, a, b, scope.Get(by)!, scope.Get(reason), cancellationToken));
            return 0;
        });
        return command;
    }

    private static Command Unmerge(CommandRunner runner)
    {
        var identity = new Argument<string>("IDENTITY") { Description = "The identity to split out, kind:value" };
        var (by, reason) = (By(), Reason());
        var command = new Command("unmerge", "Split one identity out of its developer into a new developer, with its activities")
        {
            identity, by, reason,
        };
        runner.AttachAudited(command, "UnmergeIdentity", async (scope, cancellationToken) =>
        {
            var parsed = Parse(scope.Get(identity));
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var split = await scope.Store.UnmergeIdentityAsync(workspace, parsed, scope.Get(by)!, scope.Get(reason), cancellationToken);
            Console.WriteLine(
                $"Split {split.Identity} out of developer #{split.FromMemberId}: it is developer #{split.ToMemberId} now, and the two are kept apart.");
            return 0;
        });
        return command;
    }

    private static Command Merges(CommandRunner runner)
    {
        var json = GlobalOptions.Json("the merges");
        var identity = new Argument<string?>("IDENTITY") { Description = "Only the merges of this identity's developer", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (default 100)", DefaultValueFactory = _ => 100 };
        var command = new Command("merges", "Merges, newest first: by hand (with who and why) and automatic") { identity, json, limit };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            long? memberId = null;
            if (scope.Get(identity) is { } text)
            {
                var parsed = Parse(text);
                memberId = (await scope.Store.FindMemberAsync(workspace, parsed, cancellationToken)
                    ?? throw new CliException($"no developer with identity {parsed} in workspace '{workspace.Slug}'")).Id;
            }

            var merges = await scope.Store.ListMemberMergesAsync(workspace, memberId, scope.Get(limit), cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(merges);
                return 0;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn(new TableColumn("Id").RightAligned()).AddColumn("When").AddColumn("Merged").AddColumn("By").AddColumn("Why").AddColumn("Undone");
            foreach (var merge in merges)
            {
                table.AddRow(
                    merge.Id.ToString(CultureInfo.InvariantCulture), $"{merge.MergedAt:yyyy-MM-dd HH:mm}",
                    Markup.Escape($"#{merge.LoserId} into #{merge.WinnerId}" + (merge.Identities.Count > 0 ? $" ({string.Join(", ", merge.Identities)})" : "")),
                    Markup.Escape(merge.MergedBy ?? "(automatic)"), Markup.Escape(merge.Reason),
                    merge.UndoneAt is { } undone ? Markup.Escape($"{undone:yyyy-MM-dd HH:mm} by {merge.UndoneBy}") : "");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command UndoMerge(CommandRunner runner)
    {
        var id = new Argument<long>("ID") { Description = "The merge's id, as rapport members merges shows it" };
        var by = By();
        var command = new Command("undo-merge", "Undo a merge made by hand: the absorbed developer comes back under its id") { id, by };
        runner.AttachAudited(command, "UndoMerge", async (scope, cancellationToken) =>
        {
            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var merge = await scope.Store.UndoMergeAsync(workspace, scope.Get(id), scope.Get(by)!, cancellationToken);
            Console.WriteLine(
                $"Undid merge {merge.Id}: developer #{merge.LoserId} is apart from #{merge.WinnerId} again, and the two are kept apart.");
            return 0;
        });
        return command;
    }

    private static void PrintMerge(MemberMerge merge) =>
        Console.WriteLine(
            $"Merged developer #{merge.LoserId} ({string.Join(", ", merge.Identities)}) into #{merge.WinnerId} as merge {merge.Id}; rapport members undo-merge {merge.Id} undoes it.");

    private static string Describe(SuggestedDeveloper developer) =>
        developer.Name is { } name ? $"#{developer.Id} {name} ({developer.Identity})" : $"#{developer.Id} {developer.Identity}";

    private static Identity Parse(string? text) =>
        Identity.TryParse(text, out var identity, out var reason) ? identity : throw new CliException(reason);
}

using System.CommandLine;
using Rapport.Connectors.StackExchange;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import stackexchange DIR</c>: questions, answers, accepts and comments from a Stack Exchange data dump.</summary>
internal static class StackExchangeImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var directory = new Argument<string>("DIR") { Description = "An unpacked Stack Exchange data dump: Posts.xml and Users.xml, optionally Comments.xml and Votes.xml" };
        var site = new Option<string>("--site")
        {
            Description = "The site the dump comes from, e.g. stackoverflow.com (default: the directory's name, when it is a host)",
        };
        var command = new Command("stackexchange", "Import a Stack Exchange data dump (questions, answers, accepted answers, comments)")
        {
            directory, site,
        };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(directory)!;
            var dump = new StackExchangeDump(path, SiteOf(path, scope.Get(site)));
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var import = new StackExchangeImport(scope.Store);
            var result = await ImportProgress.RunAsync($"Importing {dump.Site.Host}", dump.TotalBytes, progress =>
                import.ImportAsync(workspace, dump, (read, _) => progress(read), cancellationToken));
            Print(result);
            return 0;
        });
        return command;
    }

    private static StackExchangeSite SiteOf(string directory, string? site)
    {
        if (site is not null)
        {
            return StackExchangeSite.TryParse(site, out var parsed)
                ? parsed
                : throw new CliException($"--site '{site}' is not a host name; write it as stackoverflow.com or conlang.stackexchange.com");
        }

        return StackExchangeSite.FromDirectoryName(directory)
            ?? throw new CliException(
                $"cannot tell which site {directory} comes from (user ids are per site); name it with --site HOST, e.g. --site stackoverflow.com");
    }

    private static void Print(StackExchangeImportResult result)
    {
        var (summary, counts) = (result.Summary, result.Counts);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Import").AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("questions asked", $"{counts.QuestionsAsked:N0}");
        table.AddRow("  of which unanswered", $"{counts.QuestionsUnanswered:N0}");
        table.AddRow("  of which by deleted users", $"{counts.QuestionsFromDeletedUsers:N0}");
        table.AddRow("answers", $"{counts.QuestionsAnswered:N0}");
        table.AddRow("accepted answers", $"{counts.AnswersAccepted:N0}");
        table.AddRow("comments", $"{counts.CommentsPosted:N0}");
        table.AddRow("skipped: by deleted users", $"{counts.SkippedDeletedUsers:N0}");
        table.AddRow("skipped: other posts", $"{counts.SkippedOtherPosts:N0}");
        table.AddRow("activities stored (new)", $"{summary.ActivitiesStored:N0}");
        table.AddRow("profile updates stored", $"{summary.ProfileUpdatesStored:N0}");
        table.AddRow("duplicates skipped", $"{summary.DuplicatesSkipped:N0}");
        table.AddRow("members created", $"{summary.MembersCreated:N0}");
        table.AddRow("members merged", $"{summary.MembersMerged:N0}");
        table.AddRow("identities added", $"{summary.IdentitiesAdded:N0}");
        AnsiConsole.Write(table);
    }
}

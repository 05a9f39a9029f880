using System.CommandLine;
using Rapport.Connectors.Git;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import git PATH [--repo-name NAME]</c>: a repository's commit history, through its .mailmap.</summary>
internal static class GitImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var path = new Argument<string>("PATH") { Description = "A git repository (its working tree or a bare repository)" };
        var repoName = new Option<string?>("--repo-name")
        {
            Description = "Names the repository in activities; by default the origin remote's owner/name, else the directory name",
        };
        var git = new Command("git", "Import a git repository's commits as git.commit activities of their authors, co-authors and committers")
        {
            path, repoName,
        };
        runner.Attach(git, async (scope, cancellationToken) =>
        {
            GitRepository repository;
            long total;
            try
            {
                // The repository is checked before the store is opened, so a wrong path leaves no store file behind.
                repository = await GitRepository.OpenAsync(scope.Get(path)!, cancellationToken);
                total = await repository.CountCommitsAsync(cancellationToken);
            }
            catch (GitException e)
            {
                throw new CliException(e.Message);
            }

            var name = scope.Get(repoName) is { Length: > 0 } given ? given.Trim() : repository.DefaultName;
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            var import = new GitImport(scope.Store);
            GitImportSummary summary;
            try
            {
                summary = await WithProgressAsync(total, name, progress =>
                    import.ImportAsync(workspace, repository, name, progress, cancellationToken));
            }
            catch (GitException e)
            {
                throw new CliException($"{e.Message}; nothing was stored");
            }

            PrintSummary(summary);
            return 0;
        });
        return git;
    }

    /// <summary>A progress bar on a terminal; nothing on a pipe, so output stays clean for scripts.</summary>
    private static async Task<GitImportSummary> WithProgressAsync(long total, string name, Func<Action<long>, Task<GitImportSummary>> import)
    {
        if (Console.IsErrorRedirected)
        {
            return await import(_ => { });
        }

        GitImportSummary? summary = null;
        await CommandRunner.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing commits of {Markup.Escape(name)}", maxValue: Math.Max(1, total));
                summary = await import(commits => task.Value = commits);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void PrintSummary(GitImportSummary summary)
    {
        var ingest = summary.Ingest;
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn($"Import of {Markup.Escape(summary.RepositoryName)}")
            .AddColumn(new TableColumn("Count").RightAligned());
        table.AddRow("commits read", $"{summary.Commits:N0}");
        table.AddRow("new commits", $"{summary.NewCommits:N0}");
        table.AddRow("commits already imported", $"{summary.AlreadyImported:N0}");
        table.AddRow("activities stored", $"{ingest.ActivitiesStored:N0}");
        table.AddRow("duplicates skipped", $"{ingest.DuplicatesSkipped:N0}");
        table.AddRow("members created", $"{ingest.MembersCreated:N0}");
        table.AddRow("members merged", $"{ingest.MembersMerged:N0}");
        table.AddRow("identities added", $"{ingest.IdentitiesAdded:N0}");
        if (summary.PeopleWithoutEmail > 0)
        {
            table.AddRow("people without an email address (skipped)", $"{summary.PeopleWithoutEmail:N0}");
        }

        AnsiConsole.Write(table);
    }
}

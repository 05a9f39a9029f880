using System.CommandLine;
using Rapport.Configuration;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport privacy prune</c>: deletes raw page views past the retention period, keeping their totals (docs/security.md#retention).</summary>
internal static class RetentionCommands
{
    public static Command Create(CommandRunner runner)
    {
        var days = new Option<int?>("--days")
        {
            Description = $"Keep this many days of raw page views (default: the setting Privacy:PageViewRetentionDays; 1 to {PrivacySettings.MaxRetentionDays})",
        };
        var json = GlobalOptions.Json("what was pruned");
        var prune = new Command("prune", "Roll page views older than the retention period into per-page-and-day totals and delete the raw views")
        {
            days, json,
        };
        runner.Attach(prune, async (scope, cancellationToken) =>
        {
            var keep = scope.Get(days) ?? scope.Settings.Privacy.PageViewRetentionDays;
            if (keep is < 1 or > PrivacySettings.MaxRetentionDays)
            {
                throw new CliException(scope.Get(days) is null
                    ? "no retention period: give --days N or set Privacy:PageViewRetentionDays (docs/security.md#retention)"
                    : $"--days must be from 1 to {PrivacySettings.MaxRetentionDays}, not {keep}");
            }

            var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
            var olderThan = scope.Clock.GetUtcNow().UtcDateTime.AddDays(-keep);
            var pruned = await scope.Store.PrunePageViewsAsync(workspace, olderThan, CommandScope.Actor, cancellationToken);
            if (scope.Get(json))
            {
                JsonOutput.Write(pruned);
                return 0;
            }

            AnsiConsole.MarkupLine(
                $"Pruned page views before {olderThan:yyyy-MM-dd HH:mm} UTC: {pruned.ViewsRolledUp:N0} views rolled up into {pruned.TotalsWritten:N0} page-day totals, " +
                $"{pruned.ActivitiesDeleted:N0} raw rows deleted.");
            return 0;
        });

        return new Command("privacy", "Privacy chores: retention of raw page views") { prune };
    }
}

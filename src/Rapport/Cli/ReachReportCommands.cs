using System.CommandLine;
using Rapport.Core.Reach;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport report content|channels</c>: raw and validated reach per item, reuse tree and channel.</summary>
internal static class ReachReportCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        var engaged = EngagedOption();
        var trees = new Option<bool>("--trees") { Description = "One row per reuse tree, everything made from an item added into it" };
        var icp = new Option<string?>("--icp") { Description = "Count only the developers in this ideal customer profile (views and click-throughs stay whole)" };
        var json = GlobalOptions.Json("the report");
        var content = new Command("content", "Reach per content item (or per reuse tree): raw, human, organic, validated, click-throughs, developers")
        {
            engaged, trees, icp, json,
        };
        runner.Attach(content, async (scope, cancellationToken) =>
        {
            var report = await ComputeAsync(scope, scope.Get(engaged), scope.Get(icp), cancellationToken);
            Print(scope.Get(trees) ? report.Trees() : report.Items(), scope.Get(json), "Content");
            return 0;
        });

        var channelEngaged = EngagedOption();
        var channelJson = GlobalOptions.Json("the report");
        var channels = new Command("channels", "Reach per channel: is the same post worth more on DZone or on dev.to?") { channelEngaged, channelJson };
        runner.Attach(channels, async (scope, cancellationToken) =>
        {
            var report = await ComputeAsync(scope, scope.Get(channelEngaged), null, cancellationToken);
            Print(report.Channels(), scope.Get(channelJson), "Channel");
            return 0;
        });

        return [content, channels];
    }

    private static Option<double?> EngagedOption() =>
        new("--engaged-seconds") { Description = $"Dwell or watch time that counts as engaged (default {EngagementThresholds.DefaultSeconds} s)" };

    private static async Task<ContentReachReport> ComputeAsync(CommandScope scope, double? engagedSeconds, string? icp, CancellationToken cancellationToken)
    {
        var thresholds = engagedSeconds is { } seconds ? EngagementThresholds.Uniform(seconds) : EngagementThresholds.Default;
        var workspace = await scope.WorkspaceForReadingAsync(cancellationToken);
        var profile = icp is { } name ? (await scope.Store.GetIcpsAsync(workspace, cancellationToken)).Require(name).Name : null;
        return ContentReachReport.Compute(await scope.Store.GetContentReachFactsAsync(workspace, profile, cancellationToken), thresholds);
    }

    private static void Print(IReadOnlyList<ContentReach> rows, bool json, string first)
    {
        if (json)
        {
            JsonOutput.Write(rows);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn(first);
        foreach (var column in new[] { "Views", "Human", "Organic", "Validated", "Paid engaged", "Click-throughs", "Developers", "Progressed (first / last touch)", "Validated per hour" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var row in rows)
        {
            var name = row.ContentId is { } id ? $"{id} {row.Title}" : row.Title;
            table.AddRow(
                Markup.Escape(name.Length > 48 ? name[..47] + "…" : name), $"{row.Views:N0}", $"{row.Human:N0}", $"{row.Organic:N0}", $"[bold]{row.Validated:N0}[/]",
                $"{row.PaidEngaged:N0}", $"{row.ClickThroughs:N0}", $"{row.IdentifiedDevelopers:N0}", $"{row.ProgressedFirstTouch:N0} / {row.ProgressedLastTouch:N0}",
                row.ValidatedPerEffortHour is { } perHour ? $"{perHour:N1}" : "");
        }

        AnsiConsole.Write(table);
    }
}

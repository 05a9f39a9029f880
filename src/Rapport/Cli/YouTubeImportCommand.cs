using System.CommandLine;
using System.Text;
using Rapport.Connectors.YouTube;
using Rapport.Core.Reach;
using Spectre.Console;

namespace Rapport.Cli;

/// <summary><c>rapport import youtube FILE.csv</c>: per-video reach from a YouTube Studio export.</summary>
internal static class YouTubeImportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "YouTube Studio's Table data.csv (Advanced mode → Export)" };
        var video = new Option<string?>("--video") { Description = "The video's id, for an export of one video's traffic sources (no Content column)" };
        var command = new Command("youtube", "Import per-video views and watch time, by traffic source, from a YouTube Studio export") { file, video };
        runner.Attach(command, async (scope, cancellationToken) =>
        {
            var path = scope.Get(file)!;
            using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var rows = YouTubeStudioCsv.Read(text, path, scope.Get(video));
            var workspace = await scope.WorkspaceForWritingAsync(cancellationToken);
            await scope.Store.ReplaceVideoReachAsync(workspace, rows, cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Video").AddColumn(new TableColumn("Views").RightAligned())
                .AddColumn(new TableColumn("Paid").RightAligned()).AddColumn(new TableColumn("Engaged (at most)").RightAligned());
            foreach (var group in rows.GroupBy(row => row.VideoId))
            {
                table.AddRow(Markup.Escape(group.First().Title ?? group.Key), $"{group.Sum(row => row.Views):N0}",
                    $"{group.Where(row => row.IsPaid).Sum(row => row.Views):N0}",
                    $"{group.Sum(row => row.EngagedViewsAtMost(EngagementThresholds.DefaultSeconds)):N0}");
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}

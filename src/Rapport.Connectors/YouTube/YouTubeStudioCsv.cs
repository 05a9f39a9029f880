using System.Globalization;
using CsvHelper;
using Rapport.Connectors.Segment;
using Rapport.Core.Reach;

namespace Rapport.Connectors.YouTube;

/// <summary>
/// Reads a YouTube Studio export (Analytics → Advanced mode → Export → CSV, the file <c>Table data.csv</c>): one row per
/// video (<c>Content</c>), per traffic source (<c>Traffic source</c>), or per both, with <c>Views</c> and
/// <c>Watch time (hours)</c> (or <c>Average view duration</c>). The <c>Total</c> row is left out. An export of one
/// video's traffic sources has no <c>Content</c> column: the video id is then given by the caller.
/// </summary>
public static class YouTubeStudioCsv
{
    public static IReadOnlyList<VideoReachRow> Read(TextReader text, string name, string? videoId)
    {
        string? malformed = null;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            OnMalformedRecord = record => malformed ??= $"malformed CSV ({record.Reason})",
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        csv.ReadHeader();
        if (csv.Headers is not { Count: > 0 } header)
        {
            throw new ImportLineException(name, null, "the file is empty; its first line must name the columns");
        }

        int Column(params string[] names) => header.Select((column, index) => (column.Trim(), index))
            .Where(pair => names.Contains(pair.Item1, StringComparer.OrdinalIgnoreCase)).Select(pair => pair.index).DefaultIfEmpty(-1).First();

        var content = Column("Content", "Video", "Video ID");
        var title = Column("Video title", "Title");
        var source = Column("Traffic source");
        var views = Column("Views");
        var hours = Column("Watch time (hours)");
        var minutes = Column("Watch time (minutes)");
        var average = Column("Average view duration");
        if (views < 0)
        {
            throw new ImportLineException(name, 1, "no Views column; export the table from YouTube Studio's Advanced mode");
        }

        if (hours < 0 && minutes < 0 && average < 0)
        {
            throw new ImportLineException(name, 1, "no Watch time (hours) or Average view duration column");
        }

        if (content < 0 && videoId is null)
        {
            throw new ImportLineException(name, 1, "no Content column naming the video; give the video's id with --video");
        }

        var rows = new List<VideoReachRow>();
        while (csv.Read())
        {
            if (malformed is { } reason)
            {
                throw new ImportLineException(name, csv.LineNumber, reason);
            }

            string Field(int index) => index >= 0 && index < csv.FieldCount ? csv.GetString(index).Trim() : "";
            var video = content >= 0 ? Field(content) : videoId!;
            var trafficSource = Field(source);
            if (video.Equals("Total", StringComparison.OrdinalIgnoreCase) || trafficSource.Equals("Total", StringComparison.OrdinalIgnoreCase)
                || video.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(Field(views), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var viewCount) || viewCount < 0)
            {
                throw new ImportLineException(name, csv.LineNumber, $"Views \"{Field(views)}\" is not a whole number");
            }

            long watchSeconds;
            if (hours >= 0 && double.TryParse(Field(hours), NumberStyles.Float, CultureInfo.InvariantCulture, out var watchHours))
            {
                watchSeconds = (long)Math.Round(watchHours * 3600);
            }
            else if (minutes >= 0 && double.TryParse(Field(minutes), NumberStyles.Float, CultureInfo.InvariantCulture, out var watchMinutes))
            {
                watchSeconds = (long)Math.Round(watchMinutes * 60);
            }
            else if (average >= 0 && TimeSpan.TryParseExact(Field(average), ["h\\:mm\\:ss", "m\\:ss", "mm\\:ss"], CultureInfo.InvariantCulture, out var duration))
            {
                watchSeconds = (long)duration.TotalSeconds * viewCount;
            }
            else
            {
                throw new ImportLineException(name, csv.LineNumber, "no watch time: Watch time (hours) or Average view duration (0:02:10) is empty or unreadable");
            }

            rows.Add(new VideoReachRow(video, trafficSource, title >= 0 && Field(title).Length > 0 ? Field(title) : null, viewCount, watchSeconds));
        }

        return rows;
    }
}

using Rapport.Connectors.Segment;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static readonly string[] FileWithMalformedLine3 =
    [
        """{"type":"page","messageId":"1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"identify","messageId":"2","anonymousId":"anon-1","userId":"42","timestamp":"2026-03-01T10:01:00Z"}""",
        """{"type":"track","messageId":"3","userId":"42","event":"Signed Up","timestamp":""",
        """{"type":"track","messageId":"4","userId":"42","event":"API Called","timestamp":"2026-03-01T10:03:00Z"}""",
    ];

    [Fact]
    public async Task An_import_with_a_malformed_line_names_the_line_and_stores_nothing()
    {
        var import = new SegmentImport(Store, Clock);

        var error = await Assert.ThrowsAsync<ImportLineException>(() => import.ImportAsync(
            Workspace, Segment.JsonLines(FileWithMalformedLine3), "events.jsonl", skipInvalid: false, cancellationToken: Token));

        Assert.Equal(3, error.Line);
        Assert.Equal("events.jsonl", error.File);
        Assert.StartsWith("events.jsonl:3: malformed JSON", error.Message);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(0, stats.Developers);
        Assert.Equal(0, stats.Activities);
        Assert.Empty(stats.Identities);
    }

    [Fact]
    public async Task An_import_that_skips_invalid_lines_stores_the_valid_ones_and_reports_the_rest()
    {
        var import = new SegmentImport(Store, Clock);
        var rejected = new List<ParsedLine>();

        var summary = await import.ImportAsync(
            Workspace, Segment.JsonLines(FileWithMalformedLine3), "events.jsonl", skipInvalid: true, rejected.Add, cancellationToken: Token);

        Assert.Equal([3L], rejected.Select(line => line.LineNumber));
        Assert.NotNull(rejected[0].Error);
        Assert.Equal(3, summary.MessagesRead);
        Assert.Equal(2, summary.ActivitiesStored);
        Assert.Equal(1, summary.ProfileUpdatesStored);
        var member = await FindExistingAsync("user:42");
        Assert.Equal(["anonymous:anon-1", "user:42"], member.Identities);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Build, member.Stage);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_stores_it_once()
    {
        var import = new SegmentImport(Store, Clock);
        string[] lines = [FileWithMalformedLine3[0], FileWithMalformedLine3[1], FileWithMalformedLine3[3]];

        var first = await import.ImportAsync(Workspace, Segment.JsonLines(lines), "events.jsonl", skipInvalid: false, cancellationToken: Token);
        var second = await import.ImportAsync(Workspace, Segment.JsonLines(lines), "events.jsonl", skipInvalid: false, cancellationToken: Token);

        Assert.Equal(0, first.DuplicatesSkipped);
        Assert.Equal(3, second.DuplicatesSkipped);
        Assert.Equal(0, second.ActivitiesStored);
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Activities);
    }
}

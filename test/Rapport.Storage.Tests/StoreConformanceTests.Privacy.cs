using Rapport.Core.Identities;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>Ada, known by a user id, a GitHub login and an email, with activities and a trait; and Grace, who stays.</summary>
    private static readonly string[] AdaAndGrace =
    [
        """{"type":"identify","messageId":"p0","userId":"ada","traits":{"github":"ada-l","email":"ada@analytical.io","name":"Ada Lovelace"},"timestamp":"2026-03-01T09:00:00Z"}""",
        """{"type":"track","messageId":"p1","userId":"ada","event":"github.star","timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"page","messageId":"p2","anonymousId":"ada-laptop","userId":"ada","context":{"page":{"url":"https://docs.example.com/ada-l"}},"timestamp":"2026-03-02T10:00:00Z"}""",
        """{"type":"track","messageId":"p3","userId":"grace","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
    ];

    /// <summary>What names Ada in a stored cell: any of these as a substring, or a cell that is exactly her user id.</summary>
    private static readonly string[] AdaMarks = ["ada-l", "ada@analytical.io", "Lovelace", "ada-laptop"];

    [Fact]
    public async Task Erasing_a_developer_leaves_nothing_about_them_in_any_table_and_keeps_only_hashes()
    {
        await IngestAsync(AdaAndGrace);
        var ada = await FindExistingAsync("user:ada");
        await Store.AddMemberNoteAsync(Workspace, ada.Id, "devrel@example.com", "Ada Lovelace gave a talk", Token);
        await Store.SetMemberTagAsync(Workspace, ada.Id, "champion", tagged: true, Token);
        await Store.NominateHeroAsync(Workspace, ada.Id, hero: true, "devrel@example.com", "Runs the ada-l meetup", Token);
        await Store.AddRecognitionAsync(Workspace, ada.Id, "swag", "Stickers for Lovelace", new DateOnly(2026, 3, 30), "devrel@example.com", Token);
        await Store.RefreshCommunityAsync(Workspace, Clock.GetUtcNow().UtcDateTime.AddYears(1), Token);
        var before = await ExportedCellsAsync();
        Assert.Contains(before, cell => Names(cell.Value));

        var erasure = await Store.EraseMemberAsync(Workspace, Identity.Parse("github:ada-l"), "owner@example.com", Token);

        Assert.NotNull(erasure);
        Assert.Equal((ada.Id, 4), (erasure.MemberId, erasure.IdentitiesSuppressed));
        Assert.Equal((1L, 4L, 2L), (erasure.RowsDeleted["members"], erasure.RowsDeleted["identities"], erasure.RowsDeleted["activities"]));
        var after = await ExportedCellsAsync();
        var left = after.Where(cell => Names(cell.Value)).Select(cell => $"{cell.Table}: {cell.Value}").ToArray();
        Assert.Empty(left);
        // Every table the erasure walks holds nothing of hers, and Grace is untouched.
        Assert.Null(await Store.FindMemberAsync(Workspace, Identity.Parse("user:ada"), Token));
        Assert.Equal(1, (await FindExistingAsync("user:grace")).ActivityCount);
        var counts = await Store.CountStoredRowsAsync(Workspace, Token);
        Assert.Equal((1L, 1L, 4L), (counts["members"], counts["identities"], counts["erased_identities"]));
        Assert.Equal(0L, counts["member_notes"] + counts["member_tags"] + counts["hero_nominations"] + counts["recognitions"]);
        var audit = Assert.Single(after, cell => cell.Table == "audit_log" && cell.Value == "member.erased");
        Assert.Contains(after, cell => cell.Table == "audit_log" && cell.Value == $"member #{ada.Id}");
        Assert.NotNull(audit.Value);
        Assert.Null(await Store.EraseMemberAsync(Workspace, Identity.Parse("user:ada"), "owner@example.com", Token));
    }

    [Fact]
    public async Task A_late_event_for_an_erased_developer_is_dropped_at_ingest_and_others_still_arrive()
    {
        await IngestAsync(AdaAndGrace);
        await Store.EraseMemberAsync(Workspace, Identity.Parse("user:ada"), "owner@example.com", Token);

        var summary = await IngestAsync(
            """{"type":"track","messageId":"late-1","userId":"ada","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
            """{"type":"identify","messageId":"late-2","anonymousId":"new-device","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-05T11:00:00Z"}""",
            """{"type":"alias","messageId":"late-3","previousId":"ada-laptop","userId":"someone-new","timestamp":"2026-03-05T12:00:00Z"}""",
            """{"type":"track","messageId":"late-4","userId":"grace","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""");

        Assert.Equal((3L, 1L), (summary.ErasedSkipped, summary.ActivitiesStored));
        Assert.Null(await Store.FindMemberAsync(Workspace, Identity.Parse("user:ada"), Token));
        Assert.Null(await Store.FindMemberAsync(Workspace, Identity.Parse("anonymous:new-device"), Token));
        Assert.Null(await Store.FindMemberAsync(Workspace, Identity.Parse("user:someone-new"), Token));
        Assert.Equal(2, (await FindExistingAsync("user:grace")).ActivityCount);
        Assert.Equal(1, (await Store.GetStatsAsync(Workspace, Token)).Developers);

        // A reopened store (a restarted process) still knows whom to drop.
        var (reopened, workspace) = await ReopenAsync();
        var later = await IngestAsync(reopened, workspace,
            """{"type":"track","messageId":"late-5","userId":"ada","event":"API Called","timestamp":"2026-03-06T10:00:00Z"}""");
        Assert.Equal((1L, 0L), (later.ErasedSkipped, later.ActivitiesStored));
    }

    [Fact]
    public async Task An_export_holds_every_row_about_the_developer_and_nothing_about_anyone_else()
    {
        await IngestAsync(AdaAndGrace);
        var ada = await FindExistingAsync("user:ada");
        await Store.AddMemberNoteAsync(Workspace, ada.Id, "devrel@example.com", "Met at NDC", Token);

        var export = await Store.ExportMemberAsync(Workspace, Identity.Parse("email:ada@analytical.io"), Token);

        Assert.NotNull(export);
        var tables = export["tables"]!.AsObject();
        Assert.Equal(ada.Id, tables["members"]![0]!["id"]!.GetValue<long>());
        Assert.Equal(
            ["anonymous:ada-laptop", "email:ada@analytical.io", "github:ada-l", "user:ada"],
            tables["identities"]!.AsArray().Select(row => $"{row!["kind"]}:{row["value"]}").Order(StringComparer.Ordinal));
        Assert.Equal(2, tables["activities"]!.AsArray().Count);
        Assert.Equal("Met at NDC", tables["member_notes"]![0]!["body"]!.GetValue<string>());
        Assert.DoesNotContain("grace", export.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(await Store.ExportMemberAsync(Workspace, Identity.Parse("user:nobody"), Token));
    }

    private static bool Names(string? cell) =>
        cell is not null && (cell == "ada" || AdaMarks.Any(mark => cell.Contains(mark, StringComparison.Ordinal)));

    /// <summary>Every stored cell of the workspace, table by table, as text.</summary>
    private async Task<List<(string Table, string? Value)>> ExportedCellsAsync()
    {
        var cells = new List<(string, string?)>();
        await foreach (var chunk in Store.ExportAsync(Workspace, Token))
        {
            foreach (var row in chunk.Rows)
            {
                cells.AddRange(row.Select(value => (chunk.Table, value switch
                {
                    null => null,
                    DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                })));
            }
        }

        return cells;
    }
}

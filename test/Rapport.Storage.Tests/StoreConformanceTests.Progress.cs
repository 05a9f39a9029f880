using Rapport.Core.Identities;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

/// <summary>
/// Progress kept commit after commit — where a store may skip writing what a batch cannot change — ends where one
/// import of the same messages does, also after members were changed outside ingest.
/// </summary>
public abstract partial class StoreConformanceTests
{
    private static readonly string[][] CommitsOfOneDeveloperAndAnother =
    [
        [
            """{"type":"page","messageId":"p1","userId":"ada","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-05T10:00:00Z"}""",
            """{"type":"identify","messageId":"p2","userId":"bo","traits":{"name":"Bo"},"timestamp":"2026-03-05T10:00:00Z"}""",
        ],
        // Later, at a new stage.
        ["""{"type":"track","messageId":"p3","userId":"ada","event":"Signed Up","timestamp":"2026-03-06T10:00:00Z"}"""],
        // Later, at a stage already reached, and Bo's first activity.
        [
            """{"type":"page","messageId":"p4","userId":"ada","context":{"campaign":{"source":"zeta"}},"timestamp":"2026-03-07T10:00:00Z"}""",
            """{"type":"page","messageId":"p5","userId":"bo","timestamp":"2026-03-07T10:00:00Z"}""",
        ],
        // At Ada's last instant through a channel, then before her first one: out of order.
        ["""{"type":"page","messageId":"p6","userId":"ada","context":{"campaign":{"source":"alpha"}},"timestamp":"2026-03-07T10:00:00Z"}"""],
        ["""{"type":"page","messageId":"p7","userId":"ada","context":{"campaign":{"source":"podcast"}},"timestamp":"2026-03-02T10:00:00Z"}"""],
        // Earlier than Ada's first evaluation, at a stage she has.
        ["""{"type":"track","messageId":"p8","userId":"ada","event":"Docs Viewed","timestamp":"2026-03-04T10:00:00Z"}"""],
        // A profile update only, then Bo jumps to Build.
        ["""{"type":"identify","messageId":"p9","userId":"ada","traits":{"name":"Ada"},"timestamp":"2026-03-08T10:00:00Z"}"""],
        ["""{"type":"track","messageId":"p10","userId":"bo","event":"API Called","timestamp":"2026-03-08T10:00:00Z"}"""],
    ];

    [Fact]
    public async Task Progress_kept_commit_after_commit_is_what_one_import_of_the_same_messages_gives()
    {
        foreach (var commit in CommitsOfOneDeveloperAndAnother)
        {
            await IngestAsync(commit);
        }

        var oneImport = await ProgressOfOneImportAsync([.. CommitsOfOneDeveloperAndAnother.SelectMany(commit => commit)]);

        StoredProgress[] expected =
        [
            new(Utc(3, 2, 10), Utc(3, 7, 10), 6, Utc(3, 2, 10), Utc(3, 4, 10), null, null, null),
            new(Utc(3, 7, 10), Utc(3, 8, 10), 2, Utc(3, 7, 10), Utc(3, 8, 10), Utc(3, 8, 10), Utc(3, 8, 10), null),
        ];
        Assert.Equal(expected.OrderBy(row => row.ToString(), StringComparer.Ordinal), oneImport);
        Assert.Equal(expected.OrderBy(row => row.ToString(), StringComparer.Ordinal), await ReadProgressAsync(Store, Workspace));
        Assert.Equal(["podcast"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
    }

    [Fact]
    public async Task After_a_new_journey_map_lowers_a_developers_stage_a_later_activity_is_counted_from_the_new_stage()
    {
        await IngestAsync("""{"type":"track","messageId":"s1","userId":"ada","event":"Signed Up","timestamp":"2026-03-03T10:00:00Z"}""");
        await IngestAsync("""{"type":"track","messageId":"s2","userId":"ada","event":"Signed Up","timestamp":"2026-03-04T10:00:00Z"}""");

        // Sign-ups no longer count as evaluating: Ada has reached no stage, and her next page view discovers.
        var stages = JourneyMap.Default.Stages.ToDictionary(
            stage => stage.Key, stage => (IReadOnlyList<string>)[.. stage.Value.Where(type => type != "Signed Up")]);
        await Store.SetJourneyMapAsync(Workspace, new JourneyMap(stages, stalledAfterDays: 14), Token);
        Assert.Null((await FindExistingAsync("user:ada")).Stage);
        await IngestAsync("""{"type":"page","messageId":"s3","userId":"ada","timestamp":"2026-03-05T10:00:00Z"}""");

        var ada = await FindExistingAsync("user:ada");
        Assert.Equal(JourneyStage.Discover, ada.Stage);
        Assert.Equal(new Dictionary<JourneyStage, DateTime> { [JourneyStage.Discover] = Utc(3, 5, 10) }, ada.StagesReached.ToDictionary());
    }

    [Fact]
    public async Task After_an_unmerge_takes_a_developers_stage_away_a_later_activity_is_counted_from_what_is_left()
    {
        // Ada reached Build on a second device, which her sign-in linked to her.
        await IngestAsync(
            """{"type":"page","messageId":"u1","userId":"ada","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"track","messageId":"u2","anonymousId":"kiosk","event":"API Called","timestamp":"2026-03-04T10:00:00Z"}""");
        await IngestAsync("""{"type":"identify","messageId":"u3","userId":"ada","anonymousId":"kiosk","timestamp":"2026-03-05T10:00:00Z"}""");
        await IngestAsync("""{"type":"page","messageId":"u4","userId":"ada","timestamp":"2026-03-06T10:00:00Z"}""");
        Assert.Equal(JourneyStage.Build, (await FindExistingAsync("user:ada")).Stage);

        await Store.UnmergeIdentityAsync(Workspace, Identity.Parse("anonymous:kiosk"), "editor@example.com", "a shared kiosk", Token);
        await IngestAsync("""{"type":"track","messageId":"u5","userId":"ada","event":"Signed Up","timestamp":"2026-03-07T10:00:00Z"}""");

        var ada = await FindExistingAsync("user:ada");
        Assert.Equal(JourneyStage.Evaluate, ada.Stage);
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime> { [JourneyStage.Discover] = Utc(3, 3, 10), [JourneyStage.Evaluate] = Utc(3, 7, 10) },
            ada.StagesReached.ToDictionary());
    }

    [Fact]
    public async Task A_bulk_import_onto_stored_developers_folds_into_them_as_one_import_of_everything_would()
    {
        string[] before =
        [
            """{"type":"page","messageId":"b1","userId":"ada","context":{"campaign":{"source":"newsletter"}},"timestamp":"2026-03-05T10:00:00Z"}""",
            """{"type":"track","messageId":"b2","userId":"bo","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
        ];
        // More than one chunk: Ada earlier through a podcast, Bo later at a stage he has, and 5,000 newcomers.
        string[] bulk =
        [
            """{"type":"page","messageId":"b3","userId":"ada","context":{"campaign":{"source":"podcast"}},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"b4","userId":"bo","event":"Signed Up","timestamp":"2026-03-09T10:00:00Z"}""",
            .. Enumerable.Range(0, 5_000).Select(i =>
                $$"""{"type":"page","messageId":"n{{i}}","anonymousId":"visitor-{{i}}","timestamp":"2026-03-07T10:00:00Z"}"""),
        ];
        await IngestAsync(before);
        await IngestAsync(bulk);

        Assert.Equal(await ProgressOfOneImportAsync([.. before, .. bulk]), await ReadProgressAsync(Store, Workspace));
        var ada = await FindExistingAsync("user:ada");
        Assert.Equal((Utc(3, 1, 10), Utc(3, 5, 10), 2L), (ada.FirstActivity, ada.LastActivity, ada.ActivityCount));
        var bo = await FindExistingAsync("user:bo");
        Assert.Equal((JourneyStage.Build, Utc(3, 5, 10), Utc(3, 9, 10), 2L), (bo.Stage, bo.FirstActivity, bo.LastActivity, bo.ActivityCount));
        Assert.Equal(["podcast"], await Store.ListFirstTouchChannelsAsync(Workspace, Token));
    }
}

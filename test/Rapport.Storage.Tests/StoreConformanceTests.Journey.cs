using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static readonly string[] TrafficBeforeTheMapChanges =
    [
        """{"type":"page","messageId":"a1","anonymousId":"a","timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"track","messageId":"a2","anonymousId":"a","event":"Signed Up","timestamp":"2026-03-03T10:00:00Z"}""",
        """{"type":"page","messageId":"b1","anonymousId":"b","timestamp":"2026-03-02T10:00:00Z"}""",
        """{"type":"track","messageId":"c1","anonymousId":"c","event":"Post Viewed","timestamp":"2026-03-01T09:00:00Z"}""",
        """{"type":"page","messageId":"c2","anonymousId":"c","timestamp":"2026-03-04T09:00:00Z"}""",
        """{"type":"identify","messageId":"d1","userId":"4","traits":{"name":"Dee"},"timestamp":"2026-03-01T08:00:00Z"}""",
    ];

    private static readonly string[] TrafficAfterTheMapChanges =
    [
        """{"type":"page","messageId":"b2","anonymousId":"b","timestamp":"2026-03-05T10:00:00Z"}""",
        """{"type":"track","messageId":"e1","anonymousId":"e","event":"API Called","timestamp":"2026-03-05T12:00:00Z"}""",
        """{"type":"page","messageId":"e2","anonymousId":"e","timestamp":"2026-03-06T12:00:00Z"}""",
        """{"type":"page","messageId":"f1","anonymousId":"f","timestamp":"2026-03-07T10:00:00Z"}""",
    ];

    /// <summary>The default map, but a page view counts as evaluating the product.</summary>
    protected static JourneyMap PageViewsAreEvaluation()
    {
        var stages = JourneyMap.Default.Stages.ToDictionary(
            stage => stage.Key, stage => (IReadOnlyList<string>)[.. stage.Value.Where(type => type != "page")]);
        stages[JourneyStage.Evaluate] = [.. stages[JourneyStage.Evaluate], "page"];
        return new JourneyMap(stages, stalledAfterDays: 21);
    }

    [Fact]
    public async Task A_new_journey_map_rederives_stored_progress_as_if_it_had_been_set_first()
    {
        var map = PageViewsAreEvaluation();
        await IngestAsync(TrafficBeforeTheMapChanges);
        Assert.Equal(JourneyMap.Default.ToJson(), (await Store.GetJourneyMapAsync(Workspace, Token)).ToJson());
        Assert.Equal(JourneyStage.Discover, (await FindExistingAsync("anonymous:b")).Stage);

        await Store.SetJourneyMapAsync(Workspace, map, Token);
        await IngestAsync(TrafficAfterTheMapChanges);

        var oneImport = await ProgressOfOneImportAsync([.. TrafficBeforeTheMapChanges, .. TrafficAfterTheMapChanges], map);
        StoredProgress[] expected =
        [
            new(Utc(3, 1, 10), Utc(3, 3, 10), 2, Utc(3, 1, 10), Utc(3, 1, 10), null, null, null),
            new(Utc(3, 2, 10), Utc(3, 5, 10), 2, Utc(3, 2, 10), Utc(3, 2, 10), null, null, null),
            new(Utc(3, 1, 9), Utc(3, 4, 9), 2, Utc(3, 1, 9), Utc(3, 4, 9), null, null, null),
            new(null, null, 0, null, null, null, null, null),
            new(Utc(3, 5, 12), Utc(3, 6, 12), 2, Utc(3, 5, 12), Utc(3, 5, 12), Utc(3, 5, 12), Utc(3, 5, 12), null),
            new(Utc(3, 7, 10), Utc(3, 7, 10), 1, Utc(3, 7, 10), Utc(3, 7, 10), null, null, null),
        ];
        Assert.Equal(expected.OrderBy(row => row.ToString(), StringComparer.Ordinal), oneImport);
        Assert.Equal(expected.OrderBy(row => row.ToString(), StringComparer.Ordinal), await ReadProgressAsync(Store, Workspace));
        var b = await FindExistingAsync("anonymous:b");
        Assert.Equal(JourneyStage.Evaluate, b.Stage);
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime> { [JourneyStage.Discover] = Utc(3, 2, 10), [JourneyStage.Evaluate] = Utc(3, 2, 10) },
            b.StagesReached.ToDictionary());
    }

    [Fact]
    public async Task The_journey_map_round_trips_through_the_store()
    {
        var map = PageViewsAreEvaluation();

        await Store.SetJourneyMapAsync(Workspace, map, Token);
        var stored = await Store.GetJourneyMapAsync(Workspace, Token);

        Assert.Equal(map.ToJson(), stored.ToJson());
        Assert.Equal(21, stored.StalledAfterDays);
        Assert.Equal(JourneyStage.Evaluate, stored.StageOf("page"));
        Assert.Equal(JourneyStage.Build, stored.StageOf("api.request"));
        Assert.Contains("page", stored.Stages[JourneyStage.Evaluate]);
        Assert.DoesNotContain("page", stored.Stages[JourneyStage.Discover]);
    }

    [Fact]
    public async Task A_journey_map_can_be_replaced_and_back_again()
    {
        await IngestAsync(TrafficBeforeTheMapChanges);
        var before = await ReadProgressAsync(Store, Workspace);

        await Store.SetJourneyMapAsync(Workspace, PageViewsAreEvaluation(), Token);
        await Store.SetJourneyMapAsync(Workspace, JourneyMap.Default, Token);

        Assert.Equal(before, await ReadProgressAsync(Store, Workspace));
        Assert.Equal(JourneyMap.Default.ToJson(), (await Store.GetJourneyMapAsync(Workspace, Token)).ToJson());
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime> { [JourneyStage.Discover] = Utc(3, 1, 10), [JourneyStage.Evaluate] = Utc(3, 3, 10) },
            (await FindExistingAsync("anonymous:a")).StagesReached.ToDictionary());
    }
}

using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

/// <summary>What a store keeps when its process stops and another opens it: nothing is only in memory.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task A_reopened_store_keeps_members_merges_maps_and_message_ids()
    {
        await IngestAsync(
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"b2","userId":"7","traits":{"name":"Grace","email":"grace@example.com"},"timestamp":"2026-03-02T10:00:00Z"}""");
        await IngestAsync(
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"page","messageId":"c2","anonymousId":"y","timestamp":"2026-03-04T10:00:00Z"}""");
        await Store.SetJourneyMapAsync(Workspace, PageViewsAreEvaluation(), Token);
        var member = await FindExistingAsync("user:7");
        var stats = await Store.GetStatsAsync(Workspace, Token);
        var funnel = await Store.GetFunnelAsync(Workspace, DateRange.All, Token);
        var progress = await ReadProgressAsync(Store, Workspace);
        var (reopened, workspace) = await ReopenAsync();

        Assert.Equal(Workspace.Id, workspace.Id);
        var found = await FindAsync(reopened, workspace, "anonymous:x");
        Assert.NotNull(found);
        Assert.Equal(member.Id, found.Id);
        Assert.Equal(["anonymous:x", "email:grace@example.com", "user:7"], found.Identities);
        Assert.Equal("Grace", found.Name);
        Assert.Equal(member.StagesReached.ToDictionary(), found.StagesReached.ToDictionary());
        Assert.Equal(2, found.ActivityCount);
        Assert.Equal(stats.Developers, (await reopened.GetStatsAsync(workspace, Token)).Developers);
        Assert.Equal(2, stats.Developers);
        Assert.Equal(funnel.Stages, (await reopened.GetFunnelAsync(workspace, DateRange.All, Token)).Stages);
        Assert.Equal(progress, await ReadProgressAsync(reopened, workspace));
        Assert.Equal(PageViewsAreEvaluation().ToJson(), (await reopened.GetJourneyMapAsync(workspace, Token)).ToJson());

        var afterReopening = await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"track","messageId":"d1","anonymousId":"x","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
            """{"type":"page","messageId":"d2","anonymousId":"z","timestamp":"2026-03-05T11:00:00Z"}""");

        Assert.Equal(
            new IngestSummary { MessagesRead = 4, ActivitiesStored = 2, DuplicatesSkipped = 2, MembersCreated = 1, IdentitiesAdded = 1 },
            afterReopening);
        var extended = await FindAsync(reopened, workspace, "user:7");
        Assert.Equal(member.Id, extended?.Id);
        Assert.Equal(3, extended?.ActivityCount);
        Assert.Equal(JourneyStage.Build, extended?.Stage);
        var newcomer = await FindAsync(reopened, workspace, "anonymous:z");
        Assert.Equal(["anonymous:z"], newcomer?.Identities);
        Assert.Equal(JourneyStage.Evaluate, newcomer?.Stage);
        Assert.Equal(3, (await reopened.GetStatsAsync(workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_message_id_stored_before_the_store_was_closed_is_a_duplicate_after_reopening()
    {
        const string Page = """{"type":"page","messageId":"m1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""";
        const string Identify = """{"type":"identify","messageId":"m2","anonymousId":"anon-1","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""";
        await IngestAsync(Page, Page, Identify);
        var (reopened, workspace) = await ReopenAsync();
        var again = await IngestAsync(reopened, workspace, Page, Identify, Page);

        Assert.Equal(new IngestSummary { MessagesRead = 3, DuplicatesSkipped = 3 }, again);
        var stats = await reopened.GetStatsAsync(workspace, Token);
        Assert.Equal(1, stats.Activities);
        Assert.Equal(1, stats.Developers);
    }

    [Fact]
    public async Task The_user_id_guard_holds_after_reopening()
    {
        await IngestAsync("""{"type":"page","messageId":"p1","anonymousId":"shared-laptop","userId":"1","timestamp":"2026-03-01T10:00:00Z"}""");
        var (reopened, workspace) = await ReopenAsync();
        var summary = await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"p2","anonymousId":"shared-laptop","userId":"2","timestamp":"2026-03-02T10:00:00Z"}""");

        Assert.Equal(0, summary.MergesSuggested);
        Assert.Equal(0, summary.MembersMerged);
        Assert.Equal(2, (await reopened.GetStatsAsync(workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_member_id_absorbed_by_a_merge_is_not_given_to_a_new_developer_after_reopening()
    {
        await IngestAsync("""{"type":"page","messageId":"a1","anonymousId":"x","timestamp":"2026-03-01T10:00:00Z"}""");
        await IngestAsync("""{"type":"track","messageId":"b1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var absorbed = (await FindExistingAsync("user:7")).Id;
        await IngestAsync("""{"type":"identify","messageId":"c1","anonymousId":"x","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""");
        var (reopened, workspace) = await ReopenAsync();
        await IngestAsync(reopened, workspace,
            """{"type":"page","messageId":"d1","anonymousId":"newcomer","timestamp":"2026-03-04T10:00:00Z"}""");

        var survivor = await FindAsync(reopened, workspace, "user:7");
        var newcomer = await FindAsync(reopened, workspace, "anonymous:newcomer");
        Assert.NotNull(survivor);
        Assert.NotNull(newcomer);
        Assert.NotEqual(survivor.Id, absorbed);
        Assert.NotEqual(absorbed, newcomer.Id);
    }
}

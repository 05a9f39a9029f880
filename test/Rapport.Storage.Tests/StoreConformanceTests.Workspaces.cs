using Rapport.Core.Journey;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Workspaces_in_one_store_keep_their_messages_members_and_funnels_apart()
    {
        var acme = await Store.GetOrCreateWorkspaceAsync("acme", Token);
        var globex = await Store.GetOrCreateWorkspaceAsync("globex-2", Token);

        var intoAcme = await IngestAsync(Store, acme,
            """{"type":"page","messageId":"same-id","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"acme-2","anonymousId":"anon-1","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var intoGlobex = await IngestAsync(Store, globex,
            """{"type":"page","messageId":"same-id","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"globex-2","userId":"99","event":"Plan Upgraded","timestamp":"2026-03-03T10:00:00Z"}""");

        Assert.NotEqual(acme.Id, globex.Id);
        Assert.Equal(0, intoAcme.DuplicatesSkipped);
        Assert.Equal(0, intoGlobex.DuplicatesSkipped);
        Assert.Equal(2, intoGlobex.ActivitiesStored);
        var acmeMember = await FindAsync(Store, acme, "anonymous:anon-1");
        var globexMember = await FindAsync(Store, globex, "anonymous:anon-1");
        Assert.NotNull(acmeMember);
        Assert.NotNull(globexMember);
        Assert.Equal(2, acmeMember.ActivityCount);
        Assert.Equal(JourneyStage.Evaluate, acmeMember.Stage);
        Assert.Equal(1, globexMember.ActivityCount);
        Assert.Equal(JourneyStage.Discover, globexMember.Stage);
        Assert.Null(await FindAsync(Store, acme, "user:99"));
        Assert.Null(await FindAsync(Store, Workspace, "anonymous:anon-1"));
        Assert.Equal(1, (await Store.GetStatsAsync(acme, Token)).Developers);
        Assert.Equal(2, (await Store.GetStatsAsync(globex, Token)).Developers);
        Assert.Equal(0, (await Store.GetStatsAsync(Workspace, Token)).Developers);
        Assert.Equal(
            [1L, 1L, 0L, 0L, 0L],
            (await Store.GetFunnelAsync(acme, DateRange.All, Token)).Stages.Select(stage => stage.Developers));
        Assert.Equal(
            [2L, 1L, 1L, 1L, 1L],
            (await Store.GetFunnelAsync(globex, DateRange.All, Token)).Stages.Select(stage => stage.Developers));
        Assert.Single(await ReadProgressAsync(Store, acme));
        Assert.Equal(2, (await ReadProgressAsync(Store, globex)).Count);
    }

    [Fact]
    public async Task A_journey_map_belongs_to_one_workspace()
    {
        var acme = await Store.GetOrCreateWorkspaceAsync("acme", Token);
        await IngestAsync(Store, acme, """{"type":"page","messageId":"p1","anonymousId":"a","timestamp":"2026-03-01T10:00:00Z"}""");
        await IngestAsync("""{"type":"page","messageId":"p1","anonymousId":"a","timestamp":"2026-03-01T10:00:00Z"}""");

        await Store.SetJourneyMapAsync(acme, PageViewsAreEvaluation(), Token);

        Assert.Equal(JourneyStage.Evaluate, (await FindAsync(Store, acme, "anonymous:a"))?.Stage);
        Assert.Equal(JourneyStage.Discover, (await FindExistingAsync("anonymous:a")).Stage);
        Assert.Equal(JourneyMap.Default.ToJson(), (await Store.GetJourneyMapAsync(Workspace, Token)).ToJson());
    }

    [Fact]
    public async Task A_workspace_is_created_once_and_found_by_its_slug()
    {
        var created = await Store.GetOrCreateWorkspaceAsync("acme", Token);
        var again = await Store.GetOrCreateWorkspaceAsync("acme", Token);
        var found = await Store.FindWorkspaceAsync("acme", Token);

        Assert.Equal("acme", created.Slug);
        Assert.Equal(created.Id, again.Id);
        Assert.Equal(created.Id, found?.Id);
        Assert.NotEqual(Workspace.Id, created.Id);
        Assert.Null(await Store.FindWorkspaceAsync("initech", Token));
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("1acme")]
    [InlineData("acme corp")]
    [InlineData("acme_corp")]
    [InlineData("")]
    public async Task An_invalid_workspace_slug_is_rejected(string slug)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetOrCreateWorkspaceAsync(slug, Token));

        Assert.Null(await Store.FindWorkspaceAsync(slug, Token));
    }
}

using Rapport.Connectors.Segment;
using Rapport.Connectors.StackExchange;
using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.StackExchange;

/// <summary>The real dump imported into a real DuckDB store.</summary>
public sealed class StackExchangeImportTests : IAsyncLifetime
{
    private readonly DumpDirectory _storeDirectory = new("store");
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(Path.Combine(_storeDirectory.Path, "rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _storeDirectory.Dispose();
    }

    [Fact]
    public async Task The_real_dump_stores_every_activity_and_a_member_per_active_user()
    {
        var result = await ImportAsync(DumpDirectory.Real);

        Assert.Equal(389, result.Summary.ActivitiesStored);
        Assert.Equal(65, result.Summary.ProfileUpdatesStored);
        Assert.Equal(65, result.Summary.MembersCreated);
        var stats = await _store.GetStatsAsync(_workspace, Token);
        Assert.Equal(65, stats.Developers);
        Assert.Equal(
            [("comment.posted", 216L), ("question.answered", 109L), ("question.asked", 54L), ("answer.accepted", 10L)],
            stats.TopActivityTypes.Select(type => (type.Type, type.Count)));
        Assert.Equal(new Dictionary<string, long> { ["stackexchange"] = 65, ["stackexchange-account"] = 64 }, stats.Identities);
    }

    [Fact]
    public async Task A_user_becomes_a_member_with_their_display_name_and_both_identities()
    {
        await ImportAsync(DumpDirectory.Real);

        var member = await _store.FindMemberAsync(_workspace, Identity.Parse("stackexchange-account:4859979"), Token);

        Assert.NotNull(member);
        Assert.Equal("Rand al'Thor", member.Name);
        Assert.Equal("Rand al'Thor", member.Traits["name"].GetString());
        Assert.Equal("Unpredictable", member.Traits["location"].GetString());
        Assert.Equal(["stackexchange-account:4859979", "stackexchange:conlang.meta.stackexchange.com/12"], member.Identities.Order(StringComparer.Ordinal));
        Assert.Equal(22, member.ActivityCount);
    }

    [Fact]
    public async Task Answering_questions_reaches_Scale_and_asking_reaches_Learn()
    {
        await ImportAsync(DumpDirectory.Real);

        var answerer = await _store.FindMemberAsync(_workspace, Identity.Parse("stackexchange:conlang.meta.stackexchange.com/2"), Token);
        var asker = await _store.FindMemberAsync(_workspace, Identity.Parse("stackexchange:conlang.meta.stackexchange.com/24"), Token);

        Assert.Equal(JourneyStage.Scale, answerer!.Stage);
        Assert.Equal(JourneyStage.Learn, asker!.Stage);
    }

    [Fact]
    public async Task Importing_the_same_dump_again_stores_nothing_new()
    {
        await ImportAsync(DumpDirectory.Real);

        var again = await ImportAsync(DumpDirectory.Real);

        Assert.Equal(0, again.Summary.ActivitiesStored);
        Assert.Equal(0, again.Summary.ProfileUpdatesStored);
        Assert.Equal(0, again.Summary.MembersCreated);
        Assert.Equal(389 + 65, again.Summary.DuplicatesSkipped);
        Assert.Equal(389, (await _store.GetStatsAsync(_workspace, Token)).Activities);
    }

    [Fact]
    public async Task A_truncated_comments_file_stores_nothing_of_the_dump()
    {
        var comments = await File.ReadAllTextAsync(Path.Combine(DumpDirectory.Real, "Comments.xml"), Token);
        using var broken = DumpDirectory.CopyOfReal("Comments.xml", comments[..(comments.Length * 3 / 4)]);

        var error = await Assert.ThrowsAsync<ImportLineException>(() => ImportAsync(broken.Path));

        Assert.Equal(Path.Combine(broken.Path, "Comments.xml"), error.File);
        Assert.NotNull(error.Line);
        var stats = await _store.GetStatsAsync(_workspace, Token);
        Assert.Equal(0, stats.Activities);
        Assert.Equal(0, stats.Developers);
    }

    private Task<StackExchangeImportResult> ImportAsync(string directory)
    {
        StackExchangeSite.TryParse(DumpDirectory.Site, out var site);
        return new StackExchangeImport(_store).ImportAsync(_workspace, new StackExchangeDump(directory, site!), cancellationToken: Token);
    }
}

using Rapport.Core.Identities;
using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>Ada on GitHub (two activities), Ada by email (one), and Grace: three developers, nothing linking them.</summary>
    private static readonly string[] TwoAdasAndGrace =
    [
        """{"type":"identify","messageId":"g0","userId":"ada-gh","traits":{"github":"ada-l","name":"Ada Lovelace"},"timestamp":"2026-03-01T09:00:00Z"}""",
        """{"type":"track","messageId":"g1","userId":"ada-gh","event":"github.star","timestamp":"2026-03-01T10:00:00Z"}""",
        """{"type":"track","messageId":"g2","userId":"ada-gh","event":"API Called","timestamp":"2026-03-05T10:00:00Z"}""",
        """{"type":"identify","messageId":"e0","anonymousId":"device-1","traits":{"email":"ada@analytical.io","name":"Ada Lovelace"},"timestamp":"2026-02-20T09:00:00Z"}""",
        """{"type":"track","messageId":"e1","anonymousId":"device-1","event":"Docs Viewed","timestamp":"2026-02-20T10:00:00Z"}""",
        """{"type":"track","messageId":"h1","userId":"grace","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
    ];

    [Fact]
    public async Task A_merge_by_hand_moves_every_identity_rederives_progress_and_is_recorded()
    {
        await IngestAsync(TwoAdasAndGrace);
        var byGitHub = await FindExistingAsync("github:ada-l");
        var byEmail = await FindExistingAsync("email:ada@analytical.io");
        Clock.Advance(TimeSpan.FromHours(1));

        var merge = await Store.MergeMembersAsync(Workspace, Identity.Parse("github:ada-l"), Identity.Parse("email:ada@analytical.io"),
            "editor@example.com", "same person, met at NDC", Token);

        Assert.True(byGitHub.Id < byEmail.Id);
        Assert.Equal((byGitHub.Id, byEmail.Id), (merge.WinnerId, merge.LoserId));
        Assert.Equal(("same person, met at NDC", "editor@example.com", Utc(4, 1, 10)), (merge.Reason, merge.MergedBy, merge.MergedAt));
        Assert.Equal(["anonymous:device-1", "email:ada@analytical.io"], merge.Identities.Order(StringComparer.Ordinal));
        var ada = await FindExistingAsync("email:ada@analytical.io");
        Assert.Equal(byGitHub.Id, ada.Id);
        Assert.Equal(["anonymous:device-1", "email:ada@analytical.io", "github:ada-l", "user:ada-gh"], ada.Identities);
        Assert.Equal(3, ada.ActivityCount);
        Assert.Equal((Utc(2, 20, 10), Utc(3, 5, 10)), (ada.FirstActivity, ada.LastActivity));
        Assert.Equal(JourneyStage.Build, ada.Stage);
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime>
            {
                [JourneyStage.Discover] = Utc(2, 20, 10),
                [JourneyStage.Evaluate] = Utc(2, 20, 10),
                [JourneyStage.Learn] = Utc(3, 5, 10),
                [JourneyStage.Build] = Utc(3, 5, 10),
            },
            ada.StagesReached.ToDictionary());
        Assert.Null(await Store.GetMemberAsync(Workspace, byEmail.Id, Token));
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);
        var recorded = Assert.Single(await Store.ListMemberMergesAsync(Workspace, byGitHub.Id, 10, Token));
        Assert.Equal(merge with { Identities = [] }, recorded with { Identities = [] });
        Assert.Equal(merge.Identities.Order(StringComparer.Ordinal), recorded.Identities.Order(StringComparer.Ordinal));
        Assert.True(recorded.ByHand);
    }

    [Fact]
    public async Task A_merge_rederives_stages_with_the_workspace_s_journey_map()
    {
        await IngestAsync(TwoAdasAndGrace);
        await Store.SetJourneyMapAsync(Workspace, new JourneyMap(new Dictionary<JourneyStage, IReadOnlyList<string>>
        {
            [JourneyStage.Discover] = ["Docs Viewed"],
            [JourneyStage.Scale] = ["github.star"],
        }), Token);

        await Store.MergeMembersAsync(Workspace, Identity.Parse("email:ada@analytical.io"), Identity.Parse("user:ada-gh"), "cli:root", null, Token);

        var ada = await FindExistingAsync("github:ada-l");
        Assert.Equal(JourneyStage.Scale, ada.Stage);
        Assert.Equal(Utc(2, 20, 10), ada.StagesReached[JourneyStage.Discover]);
        Assert.Equal(Utc(3, 1, 10), ada.StagesReached[JourneyStage.Scale]);
        Assert.Equal("merged by hand", (await Store.ListMemberMergesAsync(Workspace, null, 10, Token))[0].Reason);
    }

    [Fact]
    public async Task Unmerging_an_identity_splits_it_out_with_its_activities_into_a_new_developer()
    {
        await IngestAsync(TwoAdasAndGrace);
        await IngestAsync(
            """{"type":"identify","messageId":"link","userId":"ada-gh","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-06T09:00:00Z"}""");
        var merged = await FindExistingAsync("github:ada-l");
        Assert.Equal(["anonymous:device-1", "email:ada@analytical.io", "github:ada-l", "user:ada-gh"], merged.Identities);

        var split = await Store.UnmergeIdentityAsync(Workspace, Identity.Parse("anonymous:device-1"), "editor@example.com", "a shared kiosk", Token);

        Assert.Equal(("anonymous:device-1", merged.Id), (split.Identity, split.FromMemberId));
        Assert.True(split.ToMemberId > (await FindExistingAsync("user:grace")).Id);
        var kiosk = await FindExistingAsync("anonymous:device-1");
        Assert.Equal(split.ToMemberId, kiosk.Id);
        Assert.Equal(["anonymous:device-1"], kiosk.Identities);
        Assert.Equal((1L, JourneyStage.Evaluate, Utc(2, 20, 10)), (kiosk.ActivityCount, kiosk.Stage, kiosk.FirstActivity));
        var ada = await FindExistingAsync("github:ada-l");
        Assert.Equal(["email:ada@analytical.io", "github:ada-l", "user:ada-gh"], ada.Identities);
        Assert.Equal((2L, Utc(3, 1, 10), Utc(3, 5, 10)), (ada.ActivityCount, ada.FirstActivity, ada.LastActivity));
        Assert.Equal(Utc(3, 5, 10), ada.StagesReached[JourneyStage.Evaluate]);
        Assert.Equal(3, (await Store.GetStatsAsync(Workspace, Token)).Developers);

        var apart = Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Dismissed, 10, Token));
        Assert.Equal((MergeRules.Unmerged, "editor@example.com"), (apart.Rule, apart.DecidedBy));
        Assert.Equal($"anonymous:device-1 split out of developer #{merged.Id}: a shared kiosk", apart.Reason);
        Assert.Empty(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));
    }

    [Fact]
    public async Task Undoing_a_merge_brings_the_absorbed_developer_back_under_its_id()
    {
        await IngestAsync(TwoAdasAndGrace);
        var byEmail = await FindExistingAsync("email:ada@analytical.io");
        var merge = await Store.MergeMembersAsync(Workspace, Identity.Parse("github:ada-l"), Identity.Parse("email:ada@analytical.io"), "a", null, Token);
        await IngestAsync("""{"type":"track","messageId":"later","userId":"ada-gh","event":"Plan Upgraded","timestamp":"2026-03-09T10:00:00Z"}""");
        Clock.Advance(TimeSpan.FromMinutes(5));

        var undone = await Store.UndoMergeAsync(Workspace, merge.Id, "b", Token);

        Assert.Equal((byEmail.Id, "b", Utc(4, 1, 9, 5)), (undone.LoserId, undone.UndoneBy, undone.UndoneAt));
        var email = await FindExistingAsync("email:ada@analytical.io");
        Assert.Equal(byEmail.Id, email.Id);
        Assert.Equal(byEmail.Identities, email.Identities);
        Assert.Equal((byEmail.ActivityCount, byEmail.Stage, byEmail.FirstActivity), (email.ActivityCount, email.Stage, email.FirstActivity));
        var github = await FindExistingAsync("github:ada-l");
        Assert.Equal(["github:ada-l", "user:ada-gh"], github.Identities);
        Assert.Equal((3L, JourneyStage.Scale), (github.ActivityCount, github.Stage));
        Assert.Equal(undone.UndoneAt, Assert.Single(await Store.ListMemberMergesAsync(Workspace, byEmail.Id, 10, Token)).UndoneAt);

        var again = await Assert.ThrowsAsync<MergeRefusedException>(() => Store.UndoMergeAsync(Workspace, merge.Id, "c", Token));
        Assert.StartsWith($"merge {merge.Id} was already undone by b", again.Message);
    }

    [Fact]
    public async Task Ingest_after_a_merge_and_an_unmerge_lands_on_the_right_developers()
    {
        await IngestAsync(TwoAdasAndGrace);
        var github = await FindExistingAsync("github:ada-l");
        var merge = await Store.MergeMembersAsync(Workspace, Identity.Parse("github:ada-l"), Identity.Parse("email:ada@analytical.io"), "a", null, Token);

        // The absorbed developer's device now belongs to the merged developer.
        await IngestAsync("""{"type":"page","messageId":"m1","anonymousId":"device-1","timestamp":"2026-03-10T10:00:00Z"}""");
        Assert.Equal((github.Id, 4L), ((await FindExistingAsync("anonymous:device-1")).Id, (await FindExistingAsync("github:ada-l")).ActivityCount));

        var split = await Store.UnmergeIdentityAsync(Workspace, Identity.Parse("user:ada-gh"), "a", null, Token);
        await IngestAsync(
            """{"type":"track","messageId":"m2","userId":"ada-gh","event":"Plan Upgraded","timestamp":"2026-03-11T10:00:00Z"}""",
            """{"type":"track","messageId":"m3","anonymousId":"device-1","event":"Docs Viewed","timestamp":"2026-03-11T11:00:00Z"}""");

        var user = await FindExistingAsync("user:ada-gh");
        Assert.Equal(split.ToMemberId, user.Id);
        Assert.Equal(["user:ada-gh"], user.Identities);
        Assert.Equal((3L, JourneyStage.Scale), (user.ActivityCount, user.Stage));
        var rest = await FindExistingAsync("github:ada-l");
        Assert.Equal(github.Id, rest.Id);
        Assert.Equal(["anonymous:device-1", "email:ada@analytical.io", "github:ada-l"], rest.Identities);
        Assert.Equal(3, rest.ActivityCount);

        // A message naming both again does not undo the person's split, and does not ask them again either: the pair
        // it would suggest is the one they split.
        var linked = await IngestAsync(
            """{"type":"identify","messageId":"m4","userId":"ada-gh","traits":{"github":"ada-l"},"timestamp":"2026-03-12T10:00:00Z"}""");
        Assert.Equal(0, linked.MembersMerged);
        Assert.NotEqual((await FindExistingAsync("user:ada-gh")).Id, (await FindExistingAsync("github:ada-l")).Id);
        Assert.Empty(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));
        Assert.Equal(MergeRules.Unmerged, Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Dismissed, 10, Token)).Rule);

        // Undoing the merge and ingesting again, after the store was reopened: the device goes with the email.
        await Store.UndoMergeAsync(Workspace, merge.Id, "a", Token);
        var (reopened, workspace) = await ReopenAsync();
        await IngestAsync(reopened, workspace,
            """{"type":"track","messageId":"m5","anonymousId":"device-1","event":"Signed Up","timestamp":"2026-03-13T10:00:00Z"}""",
            """{"type":"identify","messageId":"m6","anonymousId":"device-1","traits":{"github":"ada-l"},"timestamp":"2026-03-13T11:00:00Z"}""");
        var email = await FindAsync(reopened, workspace, "email:ada@analytical.io");
        Assert.Equal(["anonymous:device-1", "email:ada@analytical.io"], email!.Identities);
        Assert.Equal(merge.LoserId, email.Id);
        Assert.Equal(4, email.ActivityCount);
        Assert.Equal(["github:ada-l"], (await FindAsync(reopened, workspace, "github:ada-l"))!.Identities);
    }

    [Fact]
    public async Task Merging_is_refused_for_one_developer_an_unknown_identity_or_an_only_identity()
    {
        await IngestAsync(TwoAdasAndGrace);

        var same = await Assert.ThrowsAsync<MergeRefusedException>(() =>
            Store.MergeMembersAsync(Workspace, Identity.Parse("github:ada-l"), Identity.Parse("user:ada-gh"), "a", null, Token));
        var unknown = await Assert.ThrowsAsync<IdentityNotFoundException>(() =>
            Store.MergeMembersAsync(Workspace, Identity.Parse("github:nobody"), Identity.Parse("user:ada-gh"), "a", null, Token));
        var only = await Assert.ThrowsAsync<MergeRefusedException>(() =>
            Store.UnmergeIdentityAsync(Workspace, Identity.Parse("user:grace"), "a", null, Token));
        var missing = await Assert.ThrowsAsync<MergeRecordNotFoundException>(() => Store.UndoMergeAsync(Workspace, 99, "a", Token));

        var ada = await FindExistingAsync("user:ada-gh");
        Assert.Equal($"github:ada-l and user:ada-gh are already one developer (#{ada.Id})", same.Message);
        Assert.Equal("no developer has the identity github:nobody", unknown.Message);
        Assert.Equal($"user:grace is the only identity of developer #{(await FindExistingAsync("user:grace")).Id}; there is nothing to split", only.Message);
        Assert.Equal("there is no merge 99", missing.Message);
        Assert.Empty(await Store.ListMemberMergesAsync(Workspace, null, 10, Token));
        Assert.Equal(3, (await Store.GetStatsAsync(Workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_merge_made_by_ingest_cannot_be_undone_only_unmerged()
    {
        await IngestAsync(TwoAdasAndGrace);
        await IngestAsync(
            """{"type":"identify","messageId":"link","userId":"ada-gh","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-06T09:00:00Z"}""");
        var automatic = Assert.Single(await Store.ListMemberMergesAsync(Workspace, null, 10, Token));

        var refused = await Assert.ThrowsAsync<MergeRefusedException>(() => Store.UndoMergeAsync(Workspace, automatic.Id, "a", Token));

        Assert.False(automatic.ByHand);
        Assert.Equal("identities seen together", automatic.Reason);
        Assert.Empty(automatic.Identities);
        Assert.StartsWith($"merge {automatic.Id} was made automatically", refused.Message);
    }

    [Fact]
    public async Task Refreshing_suggestions_finds_developers_by_name_once_and_a_dismissal_keeps_them_apart()
    {
        await IngestAsync(TwoAdasAndGrace);

        var found = await Store.RefreshMergeSuggestionsAsync(Workspace, Token);
        var again = await Store.RefreshMergeSuggestionsAsync(Workspace, Token);

        Assert.Equal((1, 0), (found, again));
        var suggestion = Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));
        Assert.Equal((MergeRules.SameName, 0.8, "both are named Ada Lovelace"), (suggestion.Rule, suggestion.Confidence, suggestion.Reason));
        Assert.Equal("Ada Lovelace", suggestion.Developer.Name);
        Assert.Equal(["email:ada@analytical.io", "github:ada-l", "user:ada-gh"],
            new[] { suggestion.Developer, suggestion.Other }.SelectMany(side => side.Identities).Where(i => !i.StartsWith("anonymous", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(suggestion, await Store.GetMergeSuggestionAsync(Workspace, suggestion.Id, Token), SuggestionComparer.Instance);

        var dismissed = await Store.DismissMergeSuggestionAsync(Workspace, suggestion.Id, "editor@example.com", Token);

        Assert.Equal((MergeSuggestionStatus.Dismissed, "editor@example.com", Utc(4, 1, 9)), (dismissed.Status, dismissed.DecidedBy, dismissed.DecidedAt));
        Assert.Empty(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));
        Assert.Equal(0, await Store.RefreshMergeSuggestionsAsync(Workspace, Token));
        await Assert.ThrowsAsync<MergeRefusedException>(() => Store.AcceptMergeSuggestionAsync(Workspace, suggestion.Id, "x", Token));

        // Dismissed means different people: a message linking the two does not merge them.
        var linked = await IngestAsync(
            """{"type":"identify","messageId":"link","userId":"ada-gh","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-06T09:00:00Z"}""");
        Assert.Equal(0, linked.MembersMerged);
        Assert.NotEqual((await FindExistingAsync("user:ada-gh")).Id, (await FindExistingAsync("email:ada@analytical.io")).Id);
    }

    [Fact]
    public async Task Accepting_a_suggestion_merges_its_developers_and_marks_it_merged()
    {
        await IngestAsync(TwoAdasAndGrace);
        await Store.RefreshMergeSuggestionsAsync(Workspace, Token);
        var suggestion = Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));

        var merge = await Store.AcceptMergeSuggestionAsync(Workspace, suggestion.Id, "editor@example.com", Token);

        Assert.Equal($"suggestion {suggestion.Id}: both are named Ada Lovelace", merge.Reason);
        Assert.Equal(3, (await FindExistingAsync("github:ada-l")).ActivityCount);
        var merged = Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Merged, 10, Token));
        Assert.Equal((suggestion.Id, "editor@example.com"), (merged.Id, merged.DecidedBy));
        Assert.Equal(merged.Developer.Id, merged.Other.Id);
        var missing = await Assert.ThrowsAsync<MergeRecordNotFoundException>(() => Store.DismissMergeSuggestionAsync(Workspace, 404, "x", Token));
        Assert.Equal("there is no merge suggestion 404", missing.Message);
    }

    [Fact]
    public async Task A_suggestion_from_ingest_names_its_rule_and_confidence()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"1","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"i2","userId":"2","traits":{"email":"ada@analytical.io"},"timestamp":"2026-03-02T10:00:00Z"}""");

        var suggestion = Assert.Single(await Store.ListMergeSuggestionsAsync(Workspace, MergeSuggestionStatus.Open, 10, Token));

        Assert.Equal((1L, MergeRules.SameEmail, 0.95), (suggestion.Id, suggestion.Rule, suggestion.Confidence));
        Assert.Equal(("user:2", "email:ada@analytical.io"), (suggestion.Developer.Identity, suggestion.Other.Identity));
        Assert.Equal(Utc(4, 1, 9), suggestion.SuggestedAt);
    }

    /// <summary>Compares suggestions by value, the developers' identity lists included.</summary>
    private sealed class SuggestionComparer : IEqualityComparer<DeveloperMergeSuggestion?>
    {
        public static SuggestionComparer Instance { get; } = new();

        public bool Equals(DeveloperMergeSuggestion? x, DeveloperMergeSuggestion? y) =>
            x is not null && y is not null
            && x with { Developer = null!, Other = null! } == y with { Developer = null!, Other = null! }
            && Same(x.Developer, y.Developer) && Same(x.Other, y.Other);

        public int GetHashCode(DeveloperMergeSuggestion? obj) => obj?.Id.GetHashCode() ?? 0;

        private static bool Same(SuggestedDeveloper a, SuggestedDeveloper b) =>
            a with { Identities = [] } == b with { Identities = [] } && a.Identities.SequenceEqual(b.Identities);
    }
}

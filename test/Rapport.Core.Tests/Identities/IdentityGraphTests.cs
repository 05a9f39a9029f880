using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

public sealed class IdentityGraphTests
{
    private readonly IdentityGraph _graph = new();
    private readonly RecordedIdentityChanges _changes = new();

    [Fact]
    public void A_new_message_creates_one_member_holding_all_its_identities()
    {
        var (memberId, identityId) = Resolve("user:42", "anonymous:507f191e810c19729de860ea");

        Assert.Equal(1, memberId);
        Assert.Equal(1, identityId);
        Assert.Equal([1L], _changes.Created);
        Assert.Equal(
            [(1L, Identity.Parse("user:42"), 1L), (2L, Identity.Parse("anonymous:507f191e810c19729de860ea"), 1L)],
            _changes.Added);
        Assert.Equal(2, _graph.IdentityCount);
    }

    [Fact]
    public void Resolve_returns_the_identity_id_of_the_primary_identity()
    {
        var (_, identityId) = ResolveWithPrimary("anonymous:a1", "user:42", "anonymous:a1");

        Assert.Equal(2, identityId);
    }

    [Fact]
    public void Identities_seen_together_share_a_member()
    {
        Resolve("user:42", "email:ada@example.com");

        var (memberId, identityId) = Resolve("email:ada@example.com");

        Assert.Equal(1, memberId);
        Assert.Equal(2, identityId);
        Assert.Equal([1L], _changes.Created);
        Assert.True(_graph.TryFind(Identity.Parse("user:42"), out _, out var userMember));
        Assert.Equal(1, userMember);
    }

    [Fact]
    public void A_known_identity_with_a_new_one_adds_the_new_one_to_its_member()
    {
        Resolve("email:ada@example.com");

        var (memberId, identityId) = ResolveWithPrimary("github:ada", "email:ada@example.com", "github:ada");

        Assert.Equal(1, memberId);
        Assert.Equal(2, identityId);
        Assert.Equal([1L], _changes.Created);
        Assert.Equal((2L, Identity.Parse("github:ada"), 1L), _changes.Added[^1]);
    }

    [Fact]
    public void A_message_joining_two_members_merges_them_into_the_lower_id()
    {
        Resolve("email:ada@example.com");
        Resolve("github:ada");

        var (memberId, identityId) = ResolveWithPrimary("github:ada", "github:ada", "email:ada@example.com");

        Assert.Equal(1, memberId);
        Assert.Equal(2, identityId);
        Assert.Equal([(1L, 2L)], _changes.Merged);
        Assert.Equal([1L, 2L], _changes.Created);
        Assert.Equal(1, _graph.Find(2));
        Assert.True(_graph.TryFind(Identity.Parse("github:ada"), out _, out var githubMember));
        Assert.Equal(1, githubMember);
    }

    [Fact]
    public void Guard_keeps_two_different_user_ids_apart_and_a_shared_device_suggests_nothing()
    {
        Resolve("user:A", "anonymous:shared-device");
        Resolve("user:B");

        var (memberId, identityId) = ResolveWithPrimary("user:B", "user:B", "anonymous:shared-device");

        Assert.Equal(2, memberId);
        Assert.Equal(3, identityId);
        Assert.Empty(_changes.Merged);
        Assert.Empty(_changes.Suggested);
        Assert.True(_graph.TryFind(Identity.Parse("anonymous:shared-device"), out _, out var deviceMember));
        Assert.Equal(1, deviceMember);
    }

    [Fact]
    public void Guard_keeps_two_different_user_ids_sharing_an_email_apart_and_suggests_a_merge()
    {
        Resolve("user:A", "email:ada@analytical.io");
        Resolve("user:B");

        var (memberId, identityId) = ResolveWithPrimary("user:B", "user:B", "email:ada@analytical.io");

        Assert.Equal(2, memberId);
        Assert.Equal(3, identityId);
        Assert.Empty(_changes.Merged);
        var suggestion = Assert.Single(_changes.Suggested);
        Assert.Equal(
            (3L, 2L, MergeRules.SameEmail, 0.95, "seen together on one message (email:ada@analytical.io) but the members have different user ids"),
            suggestion);
    }

    [Fact]
    public void Guard_also_holds_when_the_message_carries_no_user_id()
    {
        Resolve("user:A", "email:ada@example.com");
        Resolve("user:B", "github:ada");

        var (memberId, identityId) = ResolveWithPrimary("github:ada", "email:ada@example.com", "github:ada");

        // The activity is github:ada's, so it counts for github:ada's member, not for the member it was not merged with.
        Assert.Equal((2L, 4L), (memberId, identityId));
        Assert.Empty(_changes.Merged);
        var suggestion = Assert.Single(_changes.Suggested);
        Assert.Equal((2L, 4L, MergeRules.SameHandle, 0.85), (suggestion.IdentityId, suggestion.OtherIdentityId, suggestion.Rule, suggestion.Confidence));
        Assert.Equal(2, _graph.Find(2));
    }

    [Fact]
    public void A_new_user_id_on_an_anonymous_id_of_another_user_gets_its_own_member_and_no_suggestion()
    {
        Resolve("user:A", "anonymous:shared-device");

        var (memberId, identityId) = ResolveWithPrimary("user:B", "user:B", "anonymous:shared-device");

        Assert.Equal(2, memberId);
        Assert.Equal(3, identityId);
        Assert.Equal([1L, 2L], _changes.Created);
        Assert.Equal((3L, Identity.Parse("user:B"), 2L), _changes.Added[^1]);
        Assert.Empty(_changes.Merged);
        Assert.Empty(_changes.Suggested);
    }

    [Fact]
    public void Members_kept_apart_by_a_person_are_not_merged_by_a_message_that_links_them()
    {
        var graph = new IdentityGraph();
        graph.Load(new StoredIdentity(1, Identity.Parse("github:ada"), 1));
        graph.Load(new StoredIdentity(2, Identity.Parse("email:team@analytical.io"), 2));
        graph.KeepApart(Identity.Parse("email:team@analytical.io"), Identity.Parse("github:ada"));

        var resolved = graph.Resolve([Identity.Parse("github:ada"), Identity.Parse("email:team@analytical.io")],
            Identity.Parse("email:team@analytical.io"), _changes);

        Assert.Equal((2L, 2L), resolved);
        Assert.Empty(_changes.Merged);
        Assert.True(graph.AreKeptApart(1, 2));
        var suggestion = Assert.Single(_changes.Suggested);
        Assert.Equal((1L, 2L, MergeRules.SameEmail), (suggestion.IdentityId, suggestion.OtherIdentityId, suggestion.Rule));
        Assert.Equal("seen together on one message (email:team@analytical.io) but a person kept the members apart", suggestion.Reason);
    }

    [Fact]
    public void Keeping_apart_follows_members_into_the_members_that_absorb_them()
    {
        var graph = new IdentityGraph();
        graph.Load(new StoredIdentity(1, Identity.Parse("github:ada"), 1));
        graph.Load(new StoredIdentity(2, Identity.Parse("email:ada@analytical.io"), 2));
        graph.Load(new StoredIdentity(3, Identity.Parse("anonymous:a1"), 3));
        graph.KeepApart(Identity.Parse("email:ada@analytical.io"), Identity.Parse("anonymous:a1"));

        // github:ada's member absorbs the anonymous one (a lower id wins); the email stays apart from both.
        graph.Resolve([Identity.Parse("github:ada"), Identity.Parse("anonymous:a1")], Identity.Parse("github:ada"), _changes);
        var resolved = graph.Resolve([Identity.Parse("email:ada@analytical.io"), Identity.Parse("github:ada")],
            Identity.Parse("email:ada@analytical.io"), _changes);

        Assert.Equal([(1L, 3L)], _changes.Merged);
        Assert.True(graph.AreKeptApart(1, 2));
        Assert.True(graph.AreKeptApart(3, 2));
        Assert.Equal((2L, 2L), resolved);
        Assert.Single(_changes.Suggested);
    }

    [Fact]
    public void Members_that_were_never_kept_apart_merge_as_usual()
    {
        var graph = new IdentityGraph();
        graph.Load(new StoredIdentity(1, Identity.Parse("github:ada"), 1));
        graph.Load(new StoredIdentity(2, Identity.Parse("email:ada@analytical.io"), 2));
        graph.Load(new StoredIdentity(3, Identity.Parse("github:grace"), 3));
        graph.KeepApart(Identity.Parse("github:grace"), Identity.Parse("github:ada"));

        graph.Resolve([Identity.Parse("email:ada@analytical.io"), Identity.Parse("github:ada")], Identity.Parse("email:ada@analytical.io"), _changes);

        Assert.Equal([(1L, 2L)], _changes.Merged);
        Assert.False(graph.AreKeptApart(1, 1));
        Assert.Empty(_changes.Suggested);
    }

    [Fact]
    public void Anonymous_visitor_who_later_identifies_joins_the_anonymous_member()
    {
        Resolve("anonymous:a1");

        var (memberId, identityId) = ResolveWithPrimary("user:42", "user:42", "anonymous:a1");

        Assert.Equal(1, memberId);
        Assert.Equal(2, identityId);
        Assert.Equal([1L], _changes.Created);
        Assert.Empty(_changes.Merged);
        Assert.Empty(_changes.Suggested);
    }

    [Fact]
    public void A_member_with_a_user_id_absorbed_by_an_anonymous_member_passes_on_its_user_id()
    {
        Resolve("anonymous:a1", "email:ada@analytical.io");
        Resolve("user:42");
        Resolve("user:42", "anonymous:a1");

        Resolve("user:43", "email:ada@analytical.io");

        Assert.Equal([1L, 2L, 3L], _changes.Created);
        var suggestion = Assert.Single(_changes.Suggested);
        Assert.Equal((4L, 2L), (suggestion.IdentityId, suggestion.OtherIdentityId));
    }

    [Fact]
    public void Merging_a_user_member_into_an_older_anonymous_member_reports_the_merge_once()
    {
        Resolve("anonymous:a1");
        Resolve("user:42");

        var (memberId, _) = ResolveWithPrimary("user:42", "user:42", "anonymous:a1");

        Assert.Equal(1, memberId);
        Assert.Equal([(1L, 2L)], _changes.Merged);
    }

    [Fact]
    public void Find_follows_a_chain_of_merges_to_the_oldest_member()
    {
        Resolve("email:a@example.com");
        Resolve("email:b@example.com");
        Resolve("email:c@example.com");
        Resolve("email:d@example.com");

        Resolve("email:c@example.com", "email:d@example.com");
        Resolve("email:b@example.com", "email:c@example.com");
        Resolve("email:a@example.com", "email:b@example.com");

        Assert.Equal([(3L, 4L), (2L, 3L), (1L, 2L)], _changes.Merged);
        Assert.Equal(1, _graph.Find(4));
        Assert.Equal(1, _graph.Find(3));
        Assert.Equal(1, _graph.Find(2));
        Assert.Equal(1, _graph.Find(1));
        Assert.True(_graph.TryFind(Identity.Parse("email:d@example.com"), out var identityId, out var memberId));
        Assert.Equal((4L, 1L), (identityId, memberId));
    }

    [Fact]
    public void Find_of_a_member_never_merged_is_that_member()
    {
        Assert.Equal(17, _graph.Find(17));
    }

    [Fact]
    public void TryFind_of_an_unknown_identity_finds_nothing()
    {
        var found = _graph.TryFind(Identity.Parse("github:nobody"), out var identityId, out var memberId);

        Assert.False(found);
        Assert.Equal((0L, 0L), (identityId, memberId));
        Assert.False(_graph.Contains(Identity.Parse("github:nobody")));
    }

    [Fact]
    public void Loaded_identities_resolve_to_their_stored_member_and_new_ids_continue_after_them()
    {
        var graph = new IdentityGraph();
        graph.Load(new StoredIdentity(10, Identity.Parse("user:42"), 7));
        graph.Load(new StoredIdentity(11, Identity.Parse("anonymous:a1"), 7));
        graph.Load(new StoredIdentity(12, Identity.Parse("user:43"), 8));

        var known = graph.Resolve([Identity.Parse("anonymous:a1"), Identity.Parse("email:ada@example.com")],
            Identity.Parse("anonymous:a1"), _changes);
        var unknown = graph.Resolve([Identity.Parse("github:grace")], Identity.Parse("github:grace"), _changes);

        Assert.Equal((7L, 11L), known);
        Assert.Equal((9L, 14L), unknown);
        Assert.Equal([9L], _changes.Created);
        Assert.Equal(
            [(13L, Identity.Parse("email:ada@example.com"), 7L), (14L, Identity.Parse("github:grace"), 9L)],
            _changes.Added);
        Assert.Equal(5, graph.IdentityCount);
    }

    [Fact]
    public void Loaded_user_ids_are_guarded()
    {
        var graph = new IdentityGraph();
        graph.Load(new StoredIdentity(10, Identity.Parse("user:42"), 7));
        graph.Load(new StoredIdentity(11, Identity.Parse("email:ada@analytical.io"), 7));
        graph.Load(new StoredIdentity(12, Identity.Parse("user:43"), 8));

        var resolved = graph.Resolve([Identity.Parse("user:43"), Identity.Parse("email:ada@analytical.io")],
            Identity.Parse("user:43"), _changes);

        Assert.Equal((8L, 12L), resolved);
        Assert.Empty(_changes.Merged);
        var suggestion = Assert.Single(_changes.Suggested);
        Assert.Equal((12L, 11L), (suggestion.IdentityId, suggestion.OtherIdentityId));
    }

    [Fact]
    public void Next_ids_given_to_the_constructor_number_new_members_and_identities()
    {
        var graph = new IdentityGraph(nextMemberId: 100, nextIdentityId: 500);

        var resolved = graph.Resolve([Identity.Parse("github:octocat")], Identity.Parse("github:octocat"), _changes);

        Assert.Equal((100L, 500L), resolved);
    }

    [Fact]
    public void Primary_identity_must_be_on_the_message()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            _graph.Resolve([Identity.Parse("user:42")], Identity.Parse("user:43"), _changes));

        Assert.Equal("primary", exception.ParamName);
    }

    private (long MemberId, long IdentityId) Resolve(params string[] identities) =>
        ResolveWithPrimary(identities[0], identities);

    private (long MemberId, long IdentityId) ResolveWithPrimary(string primary, params string[] identities) =>
        _graph.Resolve([.. identities.Select(Identity.Parse)], Identity.Parse(primary), _changes);
}

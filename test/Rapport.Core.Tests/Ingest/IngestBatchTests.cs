using System.Security.Cryptography;
using System.Text;
using Rapport.Core.Identities;
using Rapport.Core.Ingest;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Ingest;

public sealed class IngestBatchTests
{
    private static readonly DateTime ReceivedAt = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Tuesday = new(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Wednesday = new(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);

    private readonly WorkspaceIngestState _state = new(new IdentityGraph(), new MessageKeySet(), JourneyMap.Default);

    [Fact]
    public void A_message_id_repeated_within_a_batch_is_stored_once()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        var page = Page("msg-1", Monday, "anonymous:a1");

        var first = batch.Add(page);
        var second = batch.Add(page);
        var suspects = batch.SuspectKeys();
        batch.ConfirmSuspects([]); // the store holds nothing yet: the first is still pending

        Assert.True(first);
        Assert.False(second);
        Assert.Equal([KeyOf("msg-1")], suspects);
        Assert.False(batch.HasSuspects);
        Assert.Equal(
            new IngestSummary { MessagesRead = 2, ActivitiesStored = 1, DuplicatesSkipped = 1, MembersCreated = 1, IdentitiesAdded = 1 },
            batch.Summary);
        Assert.Single(batch.TakePending().Activities);
    }

    [Fact]
    public void A_message_id_stored_by_an_earlier_batch_is_skipped()
    {
        var earlier = new IngestBatch(_state, ReceivedAt);
        earlier.Add(Track("msg-1", "API Called", Monday, "user:42"));
        var later = new IngestBatch(_state, ReceivedAt.AddHours(1));

        var added = later.Add(Track("msg-1", "API Called", Monday, "user:42"));
        later.ConfirmSuspects([KeyOf("msg-1")]); // what the store finds among the earlier batch's rows

        Assert.False(added);
        Assert.Equal(new IngestSummary { MessagesRead = 1, DuplicatesSkipped = 1 }, later.Summary);
        Assert.Equal(0, later.PendingCount);
        Assert.Empty(later.CompleteMembers().Updated);
        Assert.Equal(1, _state.MessageKeyCount);
    }

    [Fact]
    public void Messages_whose_fingerprints_collide_are_all_stored_once_the_store_confirms_their_keys()
    {
        // Every key has the same fingerprint, so every message after the first is a suspect until confirmed.
        var state = new WorkspaceIngestState(new IdentityGraph(), new MessageKeySet(0, _ => 42UL), JourneyMap.Default);
        var batch = new IngestBatch(state, ReceivedAt);

        var first = batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        var second = batch.Add(Page("msg-2", Tuesday, "anonymous:a1"));
        var third = batch.Add(Page("msg-3", Wednesday, "anonymous:a2"));
        var repeat = batch.Add(Page("msg-2", Tuesday, "anonymous:a1"));
        var suspects = batch.SuspectCount;
        batch.ConfirmSuspects([]);

        Assert.Equal((true, false, false, false), (first, second, third, repeat));
        Assert.Equal(3, suspects);
        Assert.Equal(
            new IngestSummary { MessagesRead = 4, ActivitiesStored = 3, DuplicatesSkipped = 1, MembersCreated = 2, IdentitiesAdded = 2 },
            batch.Summary);
        Assert.Equal(["msg-1", "msg-2", "msg-3"], batch.TakePending().Activities.Select(activity => activity.MessageId));
    }

    [Fact]
    public void A_suspect_is_a_duplicate_when_the_store_holds_its_key_or_it_is_pending()
    {
        var state = new WorkspaceIngestState(new IdentityGraph(), new MessageKeySet(0, _ => 7UL), JourneyMap.Default);
        var batch = new IngestBatch(state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        var written = batch.TakePending();
        batch.Add(Page("msg-2", Tuesday, "anonymous:a1"));
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.Add(Page("msg-3", Wednesday, "anonymous:a1"));

        batch.ConfirmSuspects([KeyOf("msg-1")]); // msg-1 was written; msg-2 and msg-3 are new, msg-3 a repeat of nothing

        Assert.Single(written.Activities);
        Assert.Equal(1, batch.Summary.DuplicatesSkipped);
        Assert.Equal(3, batch.Summary.ActivitiesStored);
        Assert.Equal(["msg-2", "msg-3"], batch.TakePending().Activities.Select(activity => activity.MessageId));
    }

    [Fact]
    public void Identify_then_track_gives_one_member_with_stage_progress()
    {
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Identify("msg-1", Monday, [new Trait("email", "\"ada@example.com\"")],
            "user:42", "anonymous:a1", "email:ada@example.com"));
        batch.Add(Track("msg-2", "API Called", Tuesday, "user:42"));
        batch.Add(Page("msg-3", Wednesday, "anonymous:a1"));

        var members = batch.CompleteMembers();
        var (memberId, progress) = Assert.Single(members.Created);
        Assert.Equal(1, memberId);
        Assert.Equal(JourneyStage.Build, progress.Stage);
        Assert.Equal(Tuesday, progress.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Tuesday, progress.ReachedAt(JourneyStage.Build));
        Assert.Equal(Tuesday, progress.FirstActivity);
        Assert.Equal(Wednesday, progress.LastActivity);
        Assert.Equal(2, progress.ActivityCount);
        Assert.Empty(members.Updated);
        Assert.Empty(members.Merged);
        Assert.Equal(ReceivedAt, members.At);
        Assert.Equal(
            new IngestSummary
            {
                MessagesRead = 3,
                ActivitiesStored = 2,
                ProfileUpdatesStored = 1,
                MembersCreated = 1,
                IdentitiesAdded = 3,
            },
            batch.Summary);
    }

    [Fact]
    public void Pending_writes_hold_activities_profile_updates_identities_and_traits()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        var identify = Identify("msg-1", Monday, [new Trait("name", "\"Ada Lovelace\""), new Trait("logins", "5")], "user:42");
        var track = Track("msg-2", "Docs Viewed", Tuesday, "user:42");

        batch.Add(identify);
        batch.Add(track);
        var pending = batch.TakePending();

        Assert.Equal([new NewIdentity(1, Identity.Parse("user:42"), 1, Monday)], pending.Identities);
        var profile = Assert.Single(pending.ProfileUpdates);
        Assert.Equal(
            new ProfileUpdate(identify.MessageKey, "msg-1", MessageKind.Identify, 1, Monday, ReceivedAt, null,
                """{"name":"Ada Lovelace","logins":5}"""),
            profile);
        var activity = Assert.Single(pending.Activities);
        Assert.Equal((track.MessageKey, "msg-2", 1L, "Docs Viewed", Tuesday, ReceivedAt, "segment"),
            (activity.MessageKey, activity.MessageId, activity.IdentityId, activity.Type, activity.OccurredAt, activity.ReceivedAt, activity.Source));
        Assert.Equal(
            [new TraitUpdate(1, "name", "\"Ada Lovelace\"", Monday), new TraitUpdate(1, "logins", "5", Monday)],
            pending.Traits);
        Assert.Equal(5, pending.Count);
    }

    [Fact]
    public void TakePending_returns_only_what_was_added_since_and_points_identities_at_their_final_member()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.TakePending();
        batch.Add(Page("msg-2", Tuesday, "anonymous:a2"));
        batch.Add(Page("msg-3", Wednesday, "email:ada@example.com"));
        batch.Add(Page("msg-4", Wednesday, "anonymous:a1", "email:ada@example.com", "anonymous:a2"));

        var pending = batch.TakePending();
        var empty = batch.TakePending();

        Assert.Equal(
            [
                new NewIdentity(2, Identity.Parse("anonymous:a2"), 1, Tuesday),
                new NewIdentity(3, Identity.Parse("email:ada@example.com"), 1, Wednesday),
            ],
            pending.Identities);
        Assert.Equal(["msg-2", "msg-3", "msg-4"], pending.Activities.Select(activity => activity.MessageId));
        Assert.Equal(0, empty.Count);
        Assert.Equal(0, batch.PendingCount);
    }

    [Fact]
    public void Members_absorbed_within_the_batch_are_not_counted_as_created()
    {
        _state.Identities.Load(new StoredIdentity(1, Identity.Parse("email:ada@example.com"), 1));
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.Add(Page("msg-2", Tuesday, "anonymous:a2"));
        batch.Add(Page("msg-3", Tuesday, "anonymous:a1", "anonymous:a2"));
        batch.Add(Identify("msg-4", Wednesday, [], "email:ada@example.com", "anonymous:a1"));

        var members = batch.CompleteMembers();

        Assert.Empty(members.Created);
        var (memberId, progress) = Assert.Single(members.Updated);
        Assert.Equal(1, memberId);
        Assert.Equal(3, progress.ActivityCount);
        Assert.Equal(Monday, progress.FirstActivity);
        Assert.Equal([(3L, 1L), (2L, 1L)], members.Merged);
        Assert.Equal(0, batch.Summary.MembersCreated);
        Assert.Equal(0, batch.Summary.MembersMerged);
    }

    [Fact]
    public void Summary_counts_created_members_and_stored_members_merged()
    {
        _state.Identities.Load(new StoredIdentity(1, Identity.Parse("email:ada@example.com"), 1));
        _state.Identities.Load(new StoredIdentity(2, Identity.Parse("github:ada"), 2));
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.Add(Track("msg-2", "Signed Up", Monday, "email:grace@example.com"));
        batch.Add(Track("msg-3", "Tutorial Started", Tuesday, "anonymous:a1", "email:grace@example.com"));
        batch.Add(Identify("msg-4", Wednesday, [], "email:ada@example.com", "github:ada"));

        var summary = batch.Summary;
        var members = batch.CompleteMembers();

        Assert.Equal(
            new IngestSummary
            {
                MessagesRead = 4,
                ActivitiesStored = 3,
                ProfileUpdatesStored = 1,
                MembersCreated = 1,
                MembersMerged = 1,
                IdentitiesAdded = 2,
            },
            summary);
        var (createdId, created) = Assert.Single(members.Created);
        Assert.Equal(3, createdId);
        Assert.Equal(JourneyStage.Learn, created.Stage);
        Assert.Equal(Monday, created.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Tuesday, created.ReachedAt(JourneyStage.Learn));
        Assert.Equal(3, created.ActivityCount);
        var (updatedId, updated) = Assert.Single(members.Updated);
        Assert.Equal(1, updatedId);
        Assert.Equal(0, updated.ActivityCount);
        Assert.Equal([(4L, 3L), (2L, 1L)], members.Merged);
    }

    [Fact]
    public void Summary_counts_a_member_absorbed_by_an_older_member_once()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.Add(Track("msg-2", "API Called", Tuesday, "user:42"));

        batch.Add(Identify("msg-3", Wednesday, [], "user:42", "anonymous:a1"));

        Assert.Equal(1, batch.Summary.MembersCreated);
        Assert.Equal([(2L, 1L)], batch.CompleteMembers().Merged);
    }

    [Fact]
    public void A_stored_member_absorbed_by_an_older_one_counts_as_one_merge()
    {
        _state.Identities.Load(new StoredIdentity(1, Identity.Parse("anonymous:a1"), 1));
        _state.Identities.Load(new StoredIdentity(2, Identity.Parse("user:42"), 2));
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Identify("msg-1", Monday, [], "user:42", "anonymous:a1"));

        Assert.Equal(1, batch.Summary.MembersMerged);
    }

    [Fact]
    public void Members_already_stored_are_updated_not_created()
    {
        _state.Identities.Load(new StoredIdentity(7, Identity.Parse("user:42"), 3));
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Track("msg-1", "Plan Upgraded", Monday, "user:42"));

        var members = batch.CompleteMembers();
        Assert.Empty(members.Created);
        var (memberId, progress) = Assert.Single(members.Updated);
        Assert.Equal(3, memberId);
        Assert.Equal(JourneyStage.Scale, progress.Stage);
        Assert.Equal(7, Assert.Single(batch.TakePending().Activities).IdentityId);
    }

    [Fact]
    public void Group_traits_become_only_the_developers_group_id_and_company()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        var group = new IngestMessage
        {
            MessageId = "msg-1",
            MessageKey = KeyOf("msg-1"),
            Kind = MessageKind.Group,
            Primary = Identity.Parse("user:42"),
            Identities = [Identity.Parse("user:42")],
            GroupId = "acme-inc",
            Timestamp = Monday,
            Traits = [new Trait("name", "\"Acme Inc\""), new Trait("industry", "\"Software\""), new Trait("employees", "250")],
        };

        batch.Add(group);
        var pending = batch.TakePending();

        Assert.Equal(
            [new TraitUpdate(1, "groupId", "\"acme-inc\"", Monday), new TraitUpdate(1, "company", "\"Acme Inc\"", Monday)],
            pending.Traits);
        var profile = Assert.Single(pending.ProfileUpdates);
        Assert.Equal(MessageKind.Group, profile.Kind);
        Assert.Equal("acme-inc", profile.GroupId);
        Assert.Equal("""{"name":"Acme Inc","industry":"Software","employees":250}""", profile.TraitsJson);
    }

    [Fact]
    public void Traits_keep_their_order_and_the_time_of_the_message_that_set_them()
    {
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Identify("msg-1", Wednesday, [new Trait("name", "\"Ada L.\""), new Trait("title", "\"Engineer\"")], "user:42"));
        batch.Add(Identify("msg-2", Monday, [new Trait("name", "\"Ada Lovelace\"")], "user:42"));

        Assert.Equal(
            [
                new TraitUpdate(1, "name", "\"Ada L.\"", Wednesday),
                new TraitUpdate(1, "title", "\"Engineer\"", Wednesday),
                new TraitUpdate(1, "name", "\"Ada Lovelace\"", Monday),
            ],
            batch.TakePending().Traits);
    }

    [Fact]
    public void Alias_joins_the_anonymous_previous_id_to_the_user()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));

        batch.Add(Alias("msg-2", Tuesday, "user:42", previousId: "a1"));

        Assert.True(_state.Identities.TryFind(Identity.Parse("user:42"), out _, out var memberId));
        Assert.Equal(1, memberId);
        Assert.Equal(1, batch.Summary.MembersCreated);
        var profile = Assert.Single(batch.TakePending().ProfileUpdates);
        Assert.Equal((MessageKind.Alias, 2L), (profile.Kind, profile.IdentityId));
    }

    [Fact]
    public void Alias_with_an_unknown_previous_id_adds_it_as_an_anonymous_id()
    {
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Alias("msg-1", Monday, "user:42", previousId: "device-9"));

        Assert.True(_state.Identities.TryFind(Identity.Parse("anonymous:device-9"), out var identityId, out var memberId));
        Assert.Equal((2L, 1L), (identityId, memberId));
    }

    [Fact]
    public void Alias_of_a_known_user_id_to_another_user_id_is_only_suggested()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        batch.Add(Track("msg-1", "Signed Up", Monday, "user:old-42"));

        batch.Add(Alias("msg-2", Tuesday, "user:new-42", previousId: "old-42"));

        var suggestion = Assert.Single(batch.TakePending().Suggestions);
        Assert.Equal((2L, 1L, ReceivedAt), (suggestion.IdentityId, suggestion.OtherIdentityId, suggestion.SuggestedAt));
        Assert.Equal((MergeRules.LinkedUserIds, 0.9), (suggestion.Rule, suggestion.Confidence));
        Assert.Equal(1, batch.Summary.MergesSuggested);
        Assert.Equal(2, batch.Summary.MembersCreated);
    }

    [Fact]
    public void An_activity_type_no_stage_matches_is_counted_without_a_stage()
    {
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Track("msg-1", "Lunch Eaten", Monday, "user:42"));

        var (_, progress) = Assert.Single(batch.CompleteMembers().Created);
        Assert.Equal(1, progress.ActivityCount);
        Assert.Null(progress.Stage);
    }

    [Fact]
    public void The_workspace_journey_map_decides_the_stage()
    {
        _state.Journey = JourneyMap.Parse("""{"stages": {"scale": ["Lunch Eaten"]}}""");
        var batch = new IngestBatch(_state, ReceivedAt);

        batch.Add(Track("msg-1", "Lunch Eaten", Monday, "user:42"));

        Assert.Equal(JourneyStage.Scale, Assert.Single(batch.CompleteMembers().Created).Progress.Stage);
    }

    [Fact]
    public void An_activity_message_without_an_activity_type_is_rejected()
    {
        var batch = new IngestBatch(_state, ReceivedAt);
        var track = Message("msg-1", MessageKind.Track, activityType: null, Monday, ["user:42"]);

        var exception = Assert.Throws<ArgumentException>(() => batch.Add(track));

        Assert.Equal("message", exception.ParamName);
    }

    private static IngestMessage Track(string messageId, string eventName, DateTime at, params string[] identities) =>
        Message(messageId, MessageKind.Track, eventName, at, identities);

    [Fact]
    public void A_released_state_holds_no_identities_or_keys_and_the_completed_member_rows_stay_readable()
    {
        var state = new WorkspaceIngestState(new IdentityGraph(nextMemberId: 41), new MessageKeySet(), JourneyMap.Default);
        var batch = new IngestBatch(state, ReceivedAt);
        batch.Add(Page("msg-1", Monday, "anonymous:a1"));
        batch.Add(Page("msg-2", Tuesday, "anonymous:a2"));
        batch.Add(Page("msg-3", Wednesday, "anonymous:a2"));
        var members = batch.CompleteMembers();

        state.Release();

        Assert.Equal((0, 0, 43L), (state.Identities.IdentityCount, state.MessageKeyCount, state.Identities.NextMemberId));
        Assert.Equal([(41L, 1L), (42L, 2L)], members.Created.Select(row => (row.MemberId, row.Progress.ActivityCount)));
    }

    private static IngestMessage Page(string messageId, DateTime at, params string[] identities) =>
        Message(messageId, MessageKind.Page, "page", at, identities);

    private static IngestMessage Identify(string messageId, DateTime at, Trait[] traits, params string[] identities) =>
        new()
        {
            MessageId = messageId,
            MessageKey = KeyOf(messageId),
            Kind = MessageKind.Identify,
            Primary = Identity.Parse(identities[0]),
            Identities = [.. identities.Select(Identity.Parse)],
            Timestamp = at,
            Traits = traits,
        };

    private static IngestMessage Alias(string messageId, DateTime at, string user, string previousId) =>
        new()
        {
            MessageId = messageId,
            MessageKey = KeyOf(messageId),
            Kind = MessageKind.Alias,
            Primary = Identity.Parse(user),
            Identities = [Identity.Parse(user)],
            PreviousId = previousId,
            Timestamp = at,
        };

    private static IngestMessage Message(string messageId, MessageKind kind, string? activityType, DateTime at, string[] identities) =>
        new()
        {
            MessageId = messageId,
            MessageKey = KeyOf(messageId),
            Kind = kind,
            ActivityType = activityType,
            Primary = Identity.Parse(identities[0]),
            Identities = [.. identities.Select(Identity.Parse)],
            Timestamp = at,
        };

    private static Guid KeyOf(string messageId) => new(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)).AsSpan(0, 16));
}

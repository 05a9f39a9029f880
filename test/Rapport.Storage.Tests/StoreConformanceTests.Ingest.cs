using Rapport.Core.Ingest;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task An_anonymous_visitor_who_signs_up_is_one_member_found_by_every_identity()
    {
        var summary = await IngestAsync(
            """{"type":"page","messageId":"m1","anonymousId":"anon-ada","name":"Home","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"m2","anonymousId":"anon-ada","userId":"42","traits":{"email":"Ada@Example.com","name":"Ada","github":"Ada-L"},"timestamp":"2026-03-02T10:05:00Z"}""",
            """{"type":"track","messageId":"m3","userId":"42","event":"Signed Up","timestamp":"2026-03-02T10:06:00Z"}""",
            """{"type":"identify","messageId":"m4","userId":"42","traits":{"name":"Ada Lovelace","company":"Analytical Engines"},"timestamp":"2026-03-03T08:00:00Z"}""",
            """{"type":"identify","messageId":"m5","userId":"42","traits":{"name":"A. Lovelace"},"timestamp":"2026-03-02T12:00:00Z"}""",
            """{"type":"track","messageId":"m6","userId":"42","event":"API Called","timestamp":"2026-03-04T16:30:00Z"}""");

        Assert.Equal(
            new IngestSummary
            {
                MessagesRead = 6,
                ActivitiesStored = 3,
                ProfileUpdatesStored = 3,
                MembersCreated = 1,
                IdentitiesAdded = 4,
            },
            summary);
        var member = await FindExistingAsync("email:ada@example.com");
        Assert.Equal(["anonymous:anon-ada", "email:ada@example.com", "github:ada-l", "user:42"], member.Identities);
        Assert.Equal("Ada Lovelace", member.Name);
        // m5 set the name later than m4 but is older: the latest timestamp wins, not the latest arrival.
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["company"] = "\"Analytical Engines\"",
                ["email"] = "\"Ada@Example.com\"",
                ["github"] = "\"Ada-L\"",
                ["name"] = "\"Ada Lovelace\"",
            },
            member.Traits.ToDictionary(trait => trait.Key, trait => trait.Value.GetRawText()));
        Assert.Equal(JourneyStage.Build, member.Stage);
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime>
            {
                [JourneyStage.Discover] = Utc(3, 2, 10, 0),
                [JourneyStage.Evaluate] = Utc(3, 2, 10, 6),
                [JourneyStage.Learn] = Utc(3, 4, 16, 30),
                [JourneyStage.Build] = Utc(3, 4, 16, 30),
            },
            member.StagesReached.ToDictionary());
        Assert.Equal(3, member.ActivityCount);
        Assert.Equal(Utc(3, 2, 10, 0), member.FirstActivity);
        Assert.Equal(Utc(3, 4, 16, 30), member.LastActivity);
        foreach (var identity in new[] { "github:ADA-L", "user:42", "anonymous:anon-ada" })
        {
            var found = await FindExistingAsync(identity);
            Assert.Equal(member.Id, found.Id);
            Assert.Equal(member.Identities, found.Identities);
        }

        Assert.Null(await FindAsync("anonymous:ANON-ADA"));
        Assert.Null(await FindAsync("email:grace@example.com"));
    }

    [Fact]
    public async Task A_member_who_only_identified_gets_progress_from_activities_in_a_later_session()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"7","traits":{"name":"Grace"},"timestamp":"2026-03-01T09:00:00Z"}""");
        var before = await FindExistingAsync("user:7");

        await IngestAsync(
            """{"type":"track","messageId":"t1","userId":"7","event":"Docs Viewed","timestamp":"2026-03-05T09:00:00Z"}""",
            """{"type":"page","messageId":"t2","userId":"7","timestamp":"2026-03-04T09:00:00Z"}""");
        await IngestAsync(
            """{"type":"track","messageId":"t3","userId":"7","event":"Tutorial Completed","timestamp":"2026-03-06T09:00:00Z"}""",
            """{"type":"identify","messageId":"i2","userId":"7","traits":{"name":"Grace Hopper"},"timestamp":"2026-03-06T10:00:00Z"}""");
        await IngestAsync(
            """{"type":"identify","messageId":"i3","userId":"7","traits":{"name":"Amazing Grace","title":"Rear Admiral"},"timestamp":"2026-03-05T10:00:00Z"}""");

        Assert.Null(before.Stage);
        Assert.Equal(0, before.ActivityCount);
        Assert.Null(before.FirstActivity);
        var after = await FindExistingAsync("user:7");
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("Grace Hopper", after.Name);
        Assert.Equal("Rear Admiral", after.Traits["title"].GetString());
        Assert.Equal(JourneyStage.Learn, after.Stage);
        Assert.Equal(
            new Dictionary<JourneyStage, DateTime>
            {
                [JourneyStage.Discover] = Utc(3, 4, 9),
                [JourneyStage.Evaluate] = Utc(3, 5, 9),
                [JourneyStage.Learn] = Utc(3, 6, 9),
            },
            after.StagesReached.ToDictionary());
        Assert.Equal(3, after.ActivityCount);
        Assert.Equal(Utc(3, 4, 9), after.FirstActivity);
        Assert.Equal(Utc(3, 6, 9), after.LastActivity);
    }

    [Fact]
    public async Task A_first_import_keeps_the_latest_trait_and_among_updates_at_one_time_the_last_to_arrive()
    {
        // One session into a workspace with no traits yet: per key the latest time wins, and a tie the later message.
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"7","traits":{"name":"Grace","title":"Commander"},"timestamp":"2026-03-02T09:00:00Z"}""",
            """{"type":"identify","messageId":"i2","userId":"7","traits":{"name":"Grace Hopper"},"timestamp":"2026-03-05T09:00:00Z"}""",
            """{"type":"identify","messageId":"i3","userId":"7","traits":{"name":"Grace B. Hopper"},"timestamp":"2026-03-05T09:00:00Z"}""",
            """{"type":"identify","messageId":"i4","userId":"7","traits":{"name":"G. Hopper","title":"Captain"},"timestamp":"2026-03-01T09:00:00Z"}""");

        var member = await FindExistingAsync("user:7");
        Assert.Equal("Grace B. Hopper", member.Name);
        Assert.Equal("Commander", member.Traits["title"].GetString());
    }

    [Fact]
    public async Task A_session_disposed_without_commit_leaves_nothing_and_the_same_messages_ingest_afterwards()
    {
        string[] traffic =
        [
            """{"type":"page","messageId":"p1","anonymousId":"anon-1","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"i1","anonymousId":"anon-1","userId":"42","traits":{"email":"ada@example.com"},"timestamp":"2026-03-02T10:01:00Z"}""",
            """{"type":"track","messageId":"t1","userId":"42","event":"Signed Up","timestamp":"2026-03-02T10:02:00Z"}""",
        ];
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(Segment.Messages(traffic), Token);
            Assert.Equal(3, session.Summary.MessagesRead);
            Assert.Equal(1, session.Summary.MembersCreated);
        }

        var empty = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(0, empty.Developers);
        Assert.Empty(empty.Identities);
        Assert.Equal(0, empty.Activities);
        Assert.Empty(empty.TopActivityTypes);
        Assert.Null(empty.FirstActivity);
        Assert.Null(await FindAsync("user:42"));
        Assert.Empty(await ReadProgressAsync(Store, Workspace));

        var summary = await IngestAsync(traffic);

        Assert.Equal(
            new IngestSummary { MessagesRead = 3, ActivitiesStored = 2, ProfileUpdatesStored = 1, MembersCreated = 1, IdentitiesAdded = 3 },
            summary);
        var member = await FindExistingAsync("anonymous:anon-1");
        Assert.Equal(1, member.Id);
        Assert.Equal(["anonymous:anon-1", "email:ada@example.com", "user:42"], member.Identities);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Evaluate, member.Stage);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(1, stats.Developers);
        Assert.Equal(new Dictionary<string, long> { ["anonymous"] = 1, ["email"] = 1, ["user"] = 1 }, stats.Identities.ToDictionary());
        Assert.Equal(2, stats.Activities);
    }

    [Fact]
    public async Task A_rolled_back_merge_and_its_new_identities_are_forgotten_by_the_next_session()
    {
        await IngestAsync(
            """{"type":"page","messageId":"p1","anonymousId":"anon-a","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"t1","userId":"7","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var anonymous = await FindExistingAsync("anonymous:anon-a");
        var user = await FindExistingAsync("user:7");
        string[] rolledBack =
        [
            """{"type":"identify","messageId":"i1","anonymousId":"anon-a","userId":"7","timestamp":"2026-03-03T10:00:00Z"}""",
            """{"type":"page","messageId":"p2","anonymousId":"anon-new","timestamp":"2026-03-03T11:00:00Z"}""",
            """{"type":"track","messageId":"t2","userId":"7","event":"API Called","timestamp":"2026-03-03T12:00:00Z"}""",
        ];
        await using (var session = await Store.BeginIngestAsync(Workspace, Token))
        {
            await session.AddAsync(Segment.Messages(rolledBack), Token);
            Assert.Equal(1, session.Summary.MembersMerged);
        }

        var newcomer = await IngestAsync(
            """{"type":"page","messageId":"p2","anonymousId":"anon-new","timestamp":"2026-03-03T11:00:00Z"}""");

        Assert.Equal(new IngestSummary { MessagesRead = 1, ActivitiesStored = 1, MembersCreated = 1, IdentitiesAdded = 1 }, newcomer);
        var newMember = await FindExistingAsync("anonymous:anon-new");
        Assert.Equal(["anonymous:anon-new"], newMember.Identities);
        Assert.DoesNotContain(newMember.Id, new[] { anonymous.Id, user.Id });
        Assert.Equal(["anonymous:anon-a"], (await FindExistingAsync("anonymous:anon-a")).Identities);
        Assert.Equal(["user:7"], (await FindExistingAsync("user:7")).Identities);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(3, stats.Developers);
        Assert.Equal(new Dictionary<string, long> { ["anonymous"] = 2, ["user"] = 1 }, stats.Identities.ToDictionary());

        var merge = await IngestAsync(rolledBack);

        Assert.Equal(
            new IngestSummary { MessagesRead = 3, ActivitiesStored = 1, ProfileUpdatesStored = 1, DuplicatesSkipped = 1, MembersMerged = 1 },
            merge);
        var merged = await FindExistingAsync("user:7");
        Assert.Equal(anonymous.Id, merged.Id);
        Assert.Equal(["anonymous:anon-a", "user:7"], merged.Identities);
        Assert.Equal(3, merged.ActivityCount);
        Assert.Equal(JourneyStage.Build, merged.Stage);
        Assert.Equal(2, (await Store.GetStatsAsync(Workspace, Token)).Developers);
    }

    [Fact]
    public async Task A_message_id_seen_again_in_the_same_or_a_later_session_is_stored_once()
    {
        var first = await IngestAsync(
            """{"type":"page","messageId":"m1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"m1","anonymousId":"anon-1","event":"API Called","timestamp":"2026-03-01T11:00:00Z"}""",
            """{"type":"identify","messageId":"m2","anonymousId":"anon-1","userId":"42","timestamp":"2026-03-01T12:00:00Z"}""");
        var second = await IngestAsync(
            """{"type":"page","messageId":"m1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"m2","anonymousId":"anon-1","userId":"42","timestamp":"2026-03-01T12:00:00Z"}""",
            """{"type":"page","messageId":"m3","userId":"42","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"m3","userId":"42","timestamp":"2026-03-02T10:00:00Z"}""");

        Assert.Equal(
            new IngestSummary
            {
                MessagesRead = 3,
                ActivitiesStored = 1,
                ProfileUpdatesStored = 1,
                DuplicatesSkipped = 1,
                MembersCreated = 1,
                IdentitiesAdded = 2,
            },
            first);
        Assert.Equal(new IngestSummary { MessagesRead = 4, ActivitiesStored = 1, DuplicatesSkipped = 3 }, second);
        var member = await FindExistingAsync("user:42");
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(JourneyStage.Discover, member.Stage);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(2, stats.Activities);
        Assert.Equal([new("page", 2)], stats.TopActivityTypes);
    }

    [Fact]
    public async Task A_message_without_an_id_is_stored_once_by_its_content()
    {
        const string Page = """{"type":"page","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""";
        const string OtherPage = """{"type":"page","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:01Z"}""";

        var first = await IngestAsync(Page, Page, OtherPage);
        var second = await IngestAsync(Page);

        Assert.Equal(1, first.DuplicatesSkipped);
        Assert.Equal(2, first.ActivitiesStored);
        Assert.Equal(1, second.DuplicatesSkipped);
        Assert.Equal(0, second.ActivitiesStored);
        Assert.Equal(2, (await FindExistingAsync("anonymous:anon-1")).ActivityCount);
    }

    [Fact]
    public async Task One_session_writes_at_a_time_and_nothing_is_visible_before_it_commits()
    {
        const string First = """{"type":"page","messageId":"p1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""";
        const string Second = """{"type":"track","messageId":"t1","anonymousId":"anon-1","event":"Signed Up","timestamp":"2026-03-01T11:00:00Z"}""";
        var first = await Store.BeginIngestAsync(Workspace, Token);
        await first.AddAsync([Segment.Message(First)], Token);

        var waiting = Store.BeginIngestAsync(Workspace, Token);
        await Task.Delay(200, Token);

        Assert.False(waiting.IsCompleted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.BeginIngestAsync(Workspace, new CancellationToken(canceled: true)));
        Assert.Equal(0, (await Store.GetStatsAsync(Workspace, Token)).Activities);
        Assert.Null(await FindAsync("anonymous:anon-1"));
        Assert.Equal(new IngestSummary { MessagesRead = 1, ActivitiesStored = 1, MembersCreated = 1, IdentitiesAdded = 1 }, await first.CommitAsync(Token));
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await second.AddAsync(Segment.Messages([First, Second]), Token);
        Assert.Equal(new IngestSummary { MessagesRead = 2, ActivitiesStored = 1, DuplicatesSkipped = 1 }, await second.CommitAsync(Token));
        Assert.Equal(2, (await FindExistingAsync("anonymous:anon-1")).ActivityCount);
    }

    [Fact]
    public async Task A_committed_session_takes_no_more_messages_and_disposing_it_keeps_what_it_wrote()
    {
        var session = await Store.BeginIngestAsync(Workspace, Token);
        await session.AddAsync([Segment.Message("""{"type":"page","messageId":"p1","anonymousId":"anon-1","timestamp":"2026-03-01T10:00:00Z"}""")], Token);
        await session.CommitAsync(Token);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () =>
            await session.AddAsync([Segment.Message("""{"type":"page","messageId":"p2","anonymousId":"anon-1","timestamp":"2026-03-01T11:00:00Z"}""")], Token));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => session.CommitAsync(Token));
        await session.DisposeAsync();

        Assert.Equal(1, (await Store.GetStatsAsync(Workspace, Token)).Activities);
        Assert.Equal(1, (await IngestAsync("""{"type":"page","messageId":"p2","anonymousId":"anon-1","timestamp":"2026-03-01T11:00:00Z"}""")).ActivitiesStored);
        Assert.Equal(2, (await FindExistingAsync("anonymous:anon-1")).ActivityCount);
    }

    [Fact]
    public async Task A_session_that_writes_in_chunks_repoints_identities_written_before_a_merge()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"u1","userId":"7","traits":{"name":"Grace"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"u2","userId":"7","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""");
        var stored = await FindExistingAsync("user:7");
        var crawl = Enumerable.Range(0, 60_000).Select(i => Segment.Message(
            $$"""{"type":"page","messageId":"crawl-{{i}}","anonymousId":"crawler","timestamp":"2026-03-02T00:00:00Z"}"""));
        await using var session = await Store.BeginIngestAsync(Workspace, Token);

        await session.AddAsync(
            [
                Segment.Message("""{"type":"page","messageId":"l1","anonymousId":"late","timestamp":"2026-02-28T09:00:00Z"}"""),
                Segment.Message("""{"type":"identify","messageId":"l2","userId":"7","traits":{"name":"Grace Hopper"},"timestamp":"2026-03-03T10:00:00Z"}"""),
                .. crawl,
            ],
            Token);
        var whileOpen = await Store.GetStatsAsync(Workspace, Token);
        await session.AddAsync(
            [
                Segment.Message("""{"type":"identify","messageId":"l3","userId":"7","traits":{"name":"G. Hopper"},"timestamp":"2026-03-02T10:00:00Z"}"""),
                Segment.Message("""{"type":"identify","messageId":"l4","anonymousId":"late","userId":"7","timestamp":"2026-03-04T10:00:00Z"}"""),
            ],
            Token);
        var summary = await session.CommitAsync(Token);

        Assert.Equal(1, whileOpen.Activities);
        Assert.Equal(
            new IngestSummary { MessagesRead = 60_004, ActivitiesStored = 60_001, ProfileUpdatesStored = 3, MembersCreated = 1, IdentitiesAdded = 2 },
            summary);
        var member = await FindExistingAsync("anonymous:late");
        Assert.Equal(stored.Id, member.Id);
        Assert.Equal(["anonymous:late", "user:7"], member.Identities);
        Assert.Equal("Grace Hopper", member.Name);
        Assert.Equal(2, member.ActivityCount);
        Assert.Equal(Utc(2, 28, 9), member.FirstActivity);
        Assert.Equal(Utc(2, 28, 9), member.StagesReached[JourneyStage.Discover]);
        Assert.Equal(Utc(3, 1, 10), member.StagesReached[JourneyStage.Evaluate]);
        var stats = await Store.GetStatsAsync(Workspace, Token);
        Assert.Equal(2, stats.Developers);
        Assert.Equal(60_002, stats.Activities);
        Assert.Equal(new Dictionary<string, long> { ["anonymous"] = 2, ["user"] = 1 }, stats.Identities.ToDictionary());
        Assert.Equal(60_000, (await FindExistingAsync("anonymous:crawler")).ActivityCount);
    }
}

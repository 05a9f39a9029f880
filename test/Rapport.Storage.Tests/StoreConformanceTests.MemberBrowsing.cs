using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private static readonly string[] BrowsingTraffic =
    [
        """{"type":"identify","messageId":"b1","userId":"u-ada","traits":{"name":"Ada Lovelace","email":"ada@analytical.io","github":"ada"},"timestamp":"2026-03-02T10:00:00Z"}""",
        """{"type":"track","messageId":"b2","userId":"u-ada","event":"Signed Up","timestamp":"2026-03-03T10:00:00Z"}""",
        """{"type":"track","messageId":"b3","userId":"u-ada","event":"API Called","timestamp":"2026-03-10T10:00:00Z"}""",
        """{"type":"identify","messageId":"b4","userId":"u-grace","traits":{"firstName":"Grace","lastName":"Hopper","email":"grace@gmail.com","company":"Navy"},"timestamp":"2026-03-04T10:00:00Z"}""",
        """{"type":"page","messageId":"b5","userId":"u-grace","timestamp":"2026-03-05T10:00:00Z","context":{"page":{"url":"https://docs.example.com/start","title":"Start"}}}""",
        """{"type":"page","messageId":"b6","anonymousId":"anon-1","timestamp":"2026-03-11T10:00:00Z"}""",
        """{"type":"identify","messageId":"b7","userId":"u-100%","traits":{"name":"Percy 100%"},"timestamp":"2026-03-01T10:00:00Z"}""",
    ];

    [Fact]
    public async Task Developers_are_listed_most_recently_active_first_with_names_emails_and_organizations()
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);

        var page = await Store.ListMembersAsync(Workspace, new MemberQuery(), Token);

        Assert.Equal([null, "Ada Lovelace", "Grace Hopper", "Percy 100%"], page.Members.Select(member => member.Name));
        Assert.Null(page.Next);
        var ada = page.Members[1];
        Assert.Equal("ada@analytical.io", ada.Email);
        Assert.Equal("analytical.io", ada.Organization);
        Assert.Equal("github:ada", ada.BestIdentity);
        Assert.Equal(JourneyStage.Build, ada.Stage);
        Assert.Equal(2, ada.ActivityCount);
        Assert.Equal(new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), ada.LastActivity);
        Assert.Equal("Navy", page.Members[2].Organization);
        Assert.Equal("anonymous:anon-1", page.Members[0].BestIdentity);
        Assert.Null(page.Members[3].Stage);
    }

    [Fact]
    public async Task Developers_are_found_by_name_identity_or_organization_and_filtered_by_stage()
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);

        async Task<string?[]> NamesAsync(MemberQuery query) =>
            [.. (await Store.ListMembersAsync(Workspace, query, Token)).Members.Select(member => member.Name)];

        Assert.Equal(["Ada Lovelace"], await NamesAsync(new MemberQuery { Search = "lovelace" }));
        Assert.Equal(["Ada Lovelace"], await NamesAsync(new MemberQuery { Search = "ANALYTICAL.io" }));
        Assert.Equal(["Grace Hopper"], await NamesAsync(new MemberQuery { Search = "navy" }));
        Assert.Equal(["Grace Hopper"], await NamesAsync(new MemberQuery { Search = "u-grace" }));
        Assert.Equal(["Percy 100%"], await NamesAsync(new MemberQuery { Search = "0%" }));
        Assert.Empty(await NamesAsync(new MemberQuery { Search = "nobody" }));
        Assert.Equal([null, "Grace Hopper"], await NamesAsync(new MemberQuery { Stage = JourneyStage.Discover }));
        Assert.Equal(["Ada Lovelace"], await NamesAsync(new MemberQuery { Stage = JourneyStage.Build }));
        Assert.Empty(await NamesAsync(new MemberQuery { Stage = JourneyStage.Learn }));
    }

    [Fact]
    public async Task Pages_of_developers_follow_each_other_without_gaps_or_repeats()
    {
        var traffic = Enumerable.Range(0, 25).Select(i =>
            $$"""{"type":"track","messageId":"p{{i}}","userId":"u{{i}}","event":"Signed Up","timestamp":"2026-03-{{1 + (i % 5):00}}T10:00:00Z"}""");
        await IngestAsync(Store, Workspace, [.. traffic]);

        var seen = new List<long>();
        MemberCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.ListMembersAsync(Workspace, new MemberQuery { Limit = 10, Cursor = cursor }, Token);
            seen.AddRange(page.Members.Select(member => member.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(25, seen.Count);
        Assert.Equal(25, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("  NAVY ", "Grace Hopper")] // the company trait, case and spacing aside
    [InlineData("analytical.io", "Ada Lovelace")] // no company: the domain of a work address
    [InlineData("acme.com", null)]
    public async Task Developers_are_filtered_by_organization(string organization, string? expected)
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);

        var found = await Store.ListMembersAsync(Workspace, new MemberQuery { Organization = organization }, Token);

        Assert.Equal(expected is null ? [] : [expected], found.Members.Select(member => member.Name));
    }

    [Fact]
    public async Task A_note_is_deleted_only_through_the_developer_it_is_about()
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);
        var ada = (await FindAsync(Store, Workspace, "user:u-ada"))!;
        var grace = (await FindAsync(Store, Workspace, "user:u-grace"))!;
        var first = await Store.AddMemberNoteAsync(Workspace, ada.Id, "devrel@example.com", "Wants a Go SDK", Token);
        var second = await Store.AddMemberNoteAsync(Workspace, ada.Id, "devrel@example.com", "Spoke at the Lisbon meetup", Token);

        Assert.False(await Store.DeleteMemberNoteAsync(Workspace, grace.Id, first.Id, Token));
        Assert.True(await Store.DeleteMemberNoteAsync(Workspace, ada.Id, first.Id, Token));
        Assert.False(await Store.DeleteMemberNoteAsync(Workspace, ada.Id, first.Id, Token));

        Assert.Equal([second.Id], (await Store.ListMemberNotesAsync(Workspace, ada.Id, Token)).Select(note => note.Id));
    }

    [Fact]
    public async Task A_developer_has_a_timeline_notes_and_tags_that_follow_them()
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);
        var ada = await FindAsync(Store, Workspace, "user:u-ada");
        Assert.NotNull(ada);

        var timeline = await Store.ListMemberActivitiesAsync(Workspace, ada.Id, null, 10, Token);
        Assert.Equal(["API Called", "Signed Up"], timeline.Select(activity => activity.Type));
        Assert.Equal("user:u-ada", timeline[0].Identity);
        Assert.Equal(["Signed Up"], (await Store.ListMemberActivitiesAsync(Workspace, ada.Id, timeline[0].OccurredAt, 10, Token)).Select(a => a.Type));

        Clock.Advance(TimeSpan.FromMinutes(5));
        var note = await Store.AddMemberNoteAsync(Workspace, ada.Id, "devrel@example.com", "  Wants a <Go> SDK  ", Token);
        await Store.SetMemberTagAsync(Workspace, ada.Id, "Champion", tagged: true, Token);
        await Store.SetMemberTagAsync(Workspace, ada.Id, "champion", tagged: true, Token);
        await Store.SetMemberTagAsync(Workspace, ada.Id, "go", tagged: true, Token);
        await Store.SetMemberTagAsync(Workspace, ada.Id, "go", tagged: false, Token);

        var (reopened, workspace) = await ReopenAsync();
        var notes = await reopened.ListMemberNotesAsync(workspace, ada.Id, Token);
        var stored = Assert.Single(notes);
        Assert.Equal(note.Id, stored.Id);
        Assert.Equal("Wants a <Go> SDK", stored.Body);
        Assert.Equal("devrel@example.com", stored.Author);
        Assert.Equal(Clock.GetUtcNow().UtcDateTime, stored.CreatedAt);
        Assert.Equal(["champion"], await reopened.ListMemberTagsAsync(workspace, ada.Id, Token));
        Assert.Equal(["Ada Lovelace"], (await reopened.ListMembersAsync(workspace, new MemberQuery { Tag = "champion" }, Token)).Members.Select(m => m.Name));
        await Assert.ThrowsAsync<MemberNotFoundException>(() => reopened.AddMemberNoteAsync(workspace, 999_999, "x@example.com", "hello", Token));
        await Assert.ThrowsAsync<FormatException>(() => reopened.SetMemberTagAsync(workspace, ada.Id, "two words", tagged: true, Token));
    }

    [Fact]
    public async Task The_journey_week_by_week_counts_new_developers_and_stages_reached()
    {
        await IngestAsync(Store, Workspace, BrowsingTraffic);

        var weeks = await Store.GetWeeklyProgressAsync(Workspace, DateRange.All, Token);

        // 2026-03-02 is a Monday: Ada and Grace start that week, the anonymous visitor on 11 March the next.
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9)], weeks.Select(week => week.WeekStart));
        Assert.Equal([2L, 1L], weeks.Select(week => week.NewDevelopers));
        Assert.Equal([2L, 1L], weeks.Select(week => week.Reached(JourneyStage.Discover)));
        Assert.Equal([1L, 0L], weeks.Select(week => week.Reached(JourneyStage.Evaluate)));
        Assert.Equal([0L, 1L], weeks.Select(week => week.Reached(JourneyStage.Learn)));
        Assert.Equal([0L, 1L], weeks.Select(week => week.Reached(JourneyStage.Build)));
        var secondWeek = Assert.Single(await Store.GetWeeklyProgressAsync(Workspace, DateRange.Parse("2026-03-09", null), Token));
        Assert.Equal(1, secondWeek.NewDevelopers);
    }
}

using Rapport.Core.Community;
using Rapport.Core.Content;
using Rapport.Core.Outreach;

namespace Rapport.Storage.Tests;

/// <summary>
/// The community, outreach, content and link lists paged by keyset: each walk in small pages, with ties in the first
/// sort key split across pages, returns every row once in the list's order, and filters apply before the page is cut.
/// </summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Walking_heroes_by_keyset_returns_each_once_highest_score_first_then_by_member_without_the_other_levels()
    {
        // Four heroes at 90 points (three talks) and three at 60 (two talks) tie within their score; two passive
        // developers (one answered question, 3 points) in between are not heroes, so they never take a page's place.
        string[] users = ["h90a", "p1", "h60a", "h90b", "p2", "h60b", "h90c", "h60c", "h90d"];
        var messages = new List<string>();
        foreach (var user in users)
        {
            var talks = user.StartsWith("h90", StringComparison.Ordinal) ? 3 : user.StartsWith("h60", StringComparison.Ordinal) ? 2 : 0;
            messages.AddRange(Enumerable.Range(0, talks).Select(_ => Track(user, "Talk Given", CommunityNow)));
            if (talks == 0)
            {
                messages.Add(Track(user, "question.asked", CommunityNow, """{"answered":true}"""));
            }
        }

        await IngestAsync([.. messages]);
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        var ids = new Dictionary<string, long>();
        foreach (var user in users)
        {
            ids[user] = await MemberIdAsync(user);
        }

        var (heroes, sizes) = await WalkAsync(page => Store.ListCommunityMembersAsync(Workspace, CommunityList.Heroes, page, Token), 2);

        long[] expected =
        [
            .. new[] { "h90a", "h90b", "h90c", "h90d" }.Select(user => ids[user]).Order(),
            .. new[] { "h60a", "h60b", "h60c" }.Select(user => ids[user]).Order(),
        ];
        Assert.Equal(expected, heroes.Select(hero => hero.MemberId));
        Assert.Equal([90.0, 90.0, 90.0, 90.0, 60.0, 60.0, 60.0], heroes.Select(hero => Math.Round(hero.Score, 9)));
        Assert.Equal([2, 2, 2, 1], sizes);
        Assert.Equal(expected, (await Store.ListCommunityMembersAsync(Workspace, CommunityList.Heroes, 0, 100, Token)).Members.Select(hero => hero.MemberId));
    }

    [Fact]
    public async Task Walking_recognitions_by_keyset_returns_each_once_latest_day_then_latest_recorded_first_and_filters_by_member_first()
    {
        await IngestAsync(Track("ada", "page", CommunityNow), Track("bob", "page", CommunityNow));
        var (ada, bob) = (await MemberIdAsync("ada"), await MemberIdAsync("bob"));
        var (early, late) = (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20));
        async Task GiveAsync(long member, DateOnly on, string note) =>
            await Store.AddRecognitionAsync(Workspace, member, "swag", note, on, "lead@example.com", Token);

        // Two recorded at 09:00 and three at 09:01 on the 20th and the 1st: ties on the day and on the time.
        await GiveAsync(ada, late, "late-1");
        await GiveAsync(bob, late, "late-2");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await GiveAsync(ada, early, "early-1");
        await GiveAsync(bob, late, "late-3");
        await GiveAsync(ada, late, "late-4");
        await GiveAsync(bob, early, "early-2");
        Clock.Advance(TimeSpan.FromMinutes(1));
        await GiveAsync(ada, early, "early-3");

        var (all, sizes) = await WalkAsync(page => Store.ListRecognitionsAsync(Workspace, null, page, Token), 2);
        var (adas, adaSizes) = await WalkAsync(page => Store.ListRecognitionsAsync(Workspace, ada, page, Token), 2);

        var (nine, nineOne, nineTwo) = (CommunityNow, CommunityNow.AddMinutes(1), CommunityNow.AddMinutes(2));
        Assert.Equal(
            [(late, nineOne), (late, nineOne), (late, nine), (late, nine), (early, nineTwo), (early, nineOne), (early, nineOne)],
            all.Select(recognition => (recognition.GivenOn, recognition.RecordedAt)));
        Assert.Equal(7, all.Select(recognition => recognition.Id).Distinct().Count());
        Assert.Equal(["late-1", "late-2", "late-3", "late-4"], all.Take(4).Select(recognition => recognition.Note).Order(StringComparer.Ordinal));
        Assert.Equal(
            (await Store.ListRecognitionsAsync(Workspace, null, 0, 100, Token)).Recognitions.Select(recognition => recognition.Id),
            all.Select(recognition => recognition.Id));
        Assert.Equal([2, 2, 2, 1], sizes);
        Assert.Equal(["late-4", "late-1", "early-3", "early-1"], adas.Select(recognition => recognition.Note));
        Assert.Equal([2, 2], adaSizes);
    }

    [Fact]
    public async Task Walking_outreach_tasks_by_keyset_returns_each_once_oldest_first_and_filters_before_the_page()
    {
        // Five unanswered questions become tasks 1-5 in one refresh (created at the same moment), two more a day later.
        var asked = CommunityNow.AddHours(-72);
        await IngestAsync([.. Enumerable.Range(1, 5).Select(n => Track($"q{n}", "question.asked", asked, """{"answered":false,"title":"Help"}"""))]);
        await Store.RefreshCommunityAsync(Workspace, CommunityNow, Token);
        Clock.Advance(TimeSpan.FromDays(1));
        await IngestAsync([.. Enumerable.Range(6, 2).Select(n => Track($"q{n}", "question.asked", asked.AddDays(1), """{"answered":false,"title":"Help"}"""))]);
        await Store.RefreshCommunityAsync(Workspace, Clock.GetUtcNow().UtcDateTime, Token);
        foreach (var id in new long[] { 2, 4, 6 })
        {
            await Store.UpdateOutreachTaskAsync(Workspace, id, new OutreachTaskUpdate(Assignee: "ada@example.com"), "lead@example.com", Token);
        }

        var totals = new List<long>();
        var (tasks, sizes) = await WalkAsync(async page =>
        {
            var (read, total) = await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery(), page, Token);
            totals.Add(total);
            return read;
        }, 3);
        var (adas, adaSizes) = await WalkAsync(
            async page => (await Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Assignee = "ada@example.com" }, page, Token)).Page, 2);

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], tasks.Select(task => task.Id));
        Assert.Equal(
            [.. Enumerable.Repeat(CommunityNow, 5), .. Enumerable.Repeat(CommunityNow.AddDays(1), 2)],
            tasks.Select(task => task.CreatedAt));
        Assert.Equal([3, 3, 1], sizes);
        Assert.Equal([7L, 7, 7], totals);
        Assert.Equal([2L, 4, 6], adas.Select(task => task.Id));
        Assert.Equal([2, 1], adaSizes);
    }

    [Fact]
    public async Task Walking_content_by_keyset_returns_each_item_once_by_id_with_kind_channel_tag_and_search_applied_first()
    {
        for (var n = 1; n <= 7; n++)
        {
            await Store.AddContentAsync(Workspace, new ContentFields
            {
                Kind = n == 7 ? ContentKind.Video : ContentKind.BlogPost,
                Title = n == 3 ? "Paging in SQL" : $"Post {n}",
                Urls = [n == 5 ? "https://example.com/PAGING-guide" : $"https://example.com/post-{n}"],
                Channel = n == 7 ? "YouTube" : "blog",
                Tags = n % 2 == 0 ? ["AWS", "ci"] : ["ci"],
            }, Token);
        }

        // The ids walked, then the size of each page.
        async Task<string> WalkIdsAsync(ContentQuery query, int size)
        {
            var (items, sizes) = await WalkAsync(page => Store.ListContentAsync(Workspace, query, page, Token), size);
            return $"{string.Join(",", items.Select(item => item.Id))} in {string.Join(",", sizes)}";
        }

        Assert.Equal("1,2,3,4,5,6,7 in 3,3,1", await WalkIdsAsync(new ContentQuery(), 3));
        Assert.Equal("2,4,6 in 2,1", await WalkIdsAsync(new ContentQuery { Tag = " aws " }, 2));
        Assert.Equal("3,5 in 2", await WalkIdsAsync(new ContentQuery { Search = "paging" }, 2));
        Assert.Equal("7 in 1", await WalkIdsAsync(new ContentQuery { Kind = ContentKind.Video }, 2));
        Assert.Equal("7 in 1", await WalkIdsAsync(new ContentQuery { Channel = "YouTube" }, 2));
        Assert.Equal("6 in 1", await WalkIdsAsync(new ContentQuery { Tag = "aws", Search = "POST 6" }, 2));
        Assert.Equal(" in 0", await WalkIdsAsync(new ContentQuery { Tag = "gcp" }, 2));
    }

    [Fact]
    public async Task Walking_tracked_links_by_keyset_returns_each_once_oldest_first_then_by_slug()
    {
        for (var n = 0; n < 5; n++)
        {
            if (n == 3)
            {
                Clock.Advance(TimeSpan.FromMinutes(1));
            }

            await Store.CreateLinkAsync(Workspace, $"https://example.com/signup/{n}", null, "dzone", null, Token);
        }

        var (links, sizes) = await WalkAsync(page => Store.ListLinksAsync(Workspace, page, Token), 2);

        Assert.Equal(
            [.. Enumerable.Repeat(CommunityNow, 3), .. Enumerable.Repeat(CommunityNow.AddMinutes(1), 2)],
            links.Select(link => link.CreatedAt));
        Assert.Equal((await Store.ListLinksAsync(Workspace, Token)).Select(link => link.Slug), links.Select(link => link.Slug));
        Assert.Equal(5, links.Select(link => link.Slug).Distinct().Count());
        Assert.Equal([2, 2, 1], sizes);
    }

    [Fact]
    public async Task A_key_that_no_page_of_these_lists_gave_is_refused()
    {
        var refusals = new[]
        {
            await Assert.ThrowsAsync<FormatException>(() => Store.ListCommunityMembersAsync(Workspace, CommunityList.Heroes, new KeysetRequest(5, "12"), Token)),
            await Assert.ThrowsAsync<FormatException>(() => Store.ListCommunityMembersAsync(Workspace, CommunityList.Candidates, new KeysetRequest(5, "high|12"), Token)),
            await Assert.ThrowsAsync<FormatException>(() => Store.ListRecognitionsAsync(Workspace, null, new KeysetRequest(5, "2026-03-01|x|y"), Token)),
            await Assert.ThrowsAsync<FormatException>(() => Store.ListOutreachTasksAsync(Workspace, new OutreachQuery(), new KeysetRequest(5, "not a key"), Token)),
            await Assert.ThrowsAsync<FormatException>(() => Store.ListContentAsync(Workspace, new ContentQuery(), new KeysetRequest(5, "1|2"), Token)),
            await Assert.ThrowsAsync<FormatException>(() => Store.ListLinksAsync(Workspace, new KeysetRequest(5, "abc"), Token)),
        };

        Assert.All(refusals, refused => Assert.StartsWith("'cursor' does not name a row of this list: ", refused.Message, StringComparison.Ordinal));
        Assert.Equal(
            ["'12'.", "'high'.", "'x'.", "'not a key'.", "'1|2'.", "'abc'."],
            refusals.Select(refused => refused.Message["'cursor' does not name a row of this list: ".Length..]));
    }

    /// <summary>Every page of a keyset walk, in order, and each page's size.</summary>
    private static async Task<(List<T> Items, List<int> Sizes)> WalkAsync<T>(Func<KeysetRequest, Task<KeysetPage<T>>> read, int size)
    {
        var items = new List<T>();
        var sizes = new List<int>();
        string? after = null;
        do
        {
            var page = await read(new KeysetRequest(size, after));
            items.AddRange(page.Items);
            sizes.Add(page.Items.Count);
            after = page.Next;
        }
        while (after is not null);

        return (items, sizes);
    }
}

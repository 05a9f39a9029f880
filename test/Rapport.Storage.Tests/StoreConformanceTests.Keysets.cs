using Rapport.Core.Audit;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Walking_the_audit_log_by_keyset_returns_every_entry_once_newest_first_while_entries_are_added()
    {
        // Five minutes with five entries each: within a minute the entries tie on time, so the id must break the tie.
        for (var minute = 0; minute < 5; minute++)
        {
            for (var i = 0; i < 5; i++)
            {
                await Store.AddAuditEntryAsync(Workspace, "owner", "key.create", $"m{minute}-{i}", null, Token);
            }

            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var walked = new List<AuditEntry>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Store.ListAuditEntriesAsync(Workspace, new KeysetRequest(4, after), Token);
            walked.AddRange(page.Items);
            after = page.Next;
            if (++pages == 1)
            {
                // Newer than every entry: it sorts before the cursor, so this walk neither sees it nor shifts by it.
                await Store.AddAuditEntryAsync(Workspace, "owner", "key.revoke", "late", null, Token);
            }
        }
        while (after is not null);

        Assert.Equal(7, pages);
        Assert.Equal(25, walked.Count);
        Assert.Equal(25, walked.Select(entry => entry.Id).Distinct().Count());
        Assert.Equal(
            [.. Enumerable.Range(0, 5).Reverse().SelectMany(minute => Enumerable.Repeat($"m{minute}", 5))],
            walked.Select(entry => entry.Target![..2]));
        Assert.Equal(walked.Select(entry => entry.Id), (await Store.ListAuditEntriesAsync(Workspace, 100, Token)).Skip(1).Select(entry => entry.Id));
        var all = await Store.ListAuditEntriesAsync(Workspace, new KeysetRequest(100), Token);
        Assert.Equal(["late", .. walked.Select(entry => entry.Target)], all.Items.Select(entry => entry.Target));
        Assert.Null(all.Next);
    }

    [Fact]
    public async Task A_keyset_page_of_exactly_the_remaining_rows_is_the_last()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.AddEventAsync(Workspace, MeetupFields with { Name = $"Meetup {i}", StartsOn = new DateOnly(2026, 3, 10 + (i / 2)) }, Token);
        }

        var first = await Store.ListEventsAsync(Workspace, new KeysetRequest(3), Token);
        var second = await Store.ListEventsAsync(Workspace, new KeysetRequest(3, first.Next), Token);

        // Latest day first, and within a day the higher id first: 6 and 5 on the 12th, 4 and 3 on the 11th, 2 and 1 on the 10th.
        Assert.Equal([6L, 5L, 4L], first.Items.Select(item => item.Id));
        Assert.Equal([3L, 2L, 1L], second.Items.Select(item => item.Id));
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("12|34")]
    public async Task A_keyset_key_that_no_page_gave_is_refused(string key)
    {
        var refused = await Assert.ThrowsAsync<FormatException>(() => Store.ListLeadsAsync(Workspace, null, new KeysetRequest(10, key), Token));

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }
}

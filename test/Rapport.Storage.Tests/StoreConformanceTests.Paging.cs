using Rapport.Core.Members;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Walking_developer_pages_while_developers_arrive_returns_every_earlier_one_once_in_order()
    {
        // u0..u9 last active on 2026-03-10 .. 2026-03-19: the list runs u9 first, u0 last.
        await IngestAsync([.. Enumerable.Range(0, 10).Select(i =>
            $$"""{"type":"track","messageId":"w{{i}}","userId":"u{{i}}","event":"Signed Up","timestamp":"2026-03-{{10 + i}}T10:00:00Z"}""")]);
        var order = new List<long>();
        MemberCursor? cursor = null;
        do
        {
            var page = await Store.ListMembersAsync(Workspace, new MemberQuery { Limit = 3, Cursor = cursor }, Token);
            order.AddRange(page.Members.Select(member => member.Id));
            cursor = page.Next;
        }
        while (cursor is not null);

        var walked = new List<long>();
        cursor = null;
        var pages = 0;
        do
        {
            var page = await Store.ListMembersAsync(Workspace, new MemberQuery { Limit = 3, Cursor = cursor }, Token);
            walked.AddRange(page.Members.Select(member => member.Id));
            cursor = page.Next;
            if (++pages == 1)
            {
                // After the first page: one developer newer than everyone (sorts before the cursor, so not in this walk)
                // and one older than everyone (after it: the walk reaches them at the end).
                await IngestAsync(
                    """{"type":"track","messageId":"late-new","userId":"newest","event":"Signed Up","timestamp":"2026-03-30T10:00:00Z"}""",
                    """{"type":"track","messageId":"late-old","userId":"oldest","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""");
            }
        }
        while (cursor is not null);

        var oldest = (await FindAsync(Store, Workspace, "user:oldest"))!.Id;
        Assert.Equal([.. order, oldest], walked);
        Assert.Equal(11, walked.Distinct().Count());
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task The_change_marker_moves_with_every_write()
    {
        await IngestAsync("""{"type":"track","messageId":"m1","userId":"ada","event":"Signed Up","timestamp":"2026-03-01T10:00:00Z"}""");
        var afterRead = await Store.GetChangeMarkerAsync(Token);
        await IngestAsync("""{"type":"track","messageId":"m2","userId":"bob","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""");
        var afterIngest = await Store.GetChangeMarkerAsync(Token);
        await Store.SetMemberTagAsync(Workspace, (await FindAsync(Store, Workspace, "user:bob"))!.Id, "speaker", tagged: true, Token);
        var afterTag = await Store.GetChangeMarkerAsync(Token);

        Assert.NotEqual(afterRead, afterIngest);
        Assert.NotEqual(afterIngest, afterTag);
    }
}

using Rapport.Core.Ingest;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Ingest;

public sealed class CreatedMemberProgressTests
{
    private static readonly DateTime Monday = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Members_are_held_from_the_first_id_and_counted_once_touched()
    {
        var table = new CreatedMemberProgress(firstId: 101);

        table.Touch(101).Include(Monday, JourneyStage.Evaluate);
        table.Touch(101).Include(Monday.AddDays(2), null);
        table.Touch(105);

        Assert.False(table.Holds(100));
        Assert.True(table.Holds(101));
        Assert.Equal(2, table.Count);
        Assert.Equal([101L, 105L], table.TouchedIds());
        Assert.False(table.IsTouched(102));
        Assert.Equal(2, table.Get(101).ActivityCount);
        Assert.Equal(Monday, table.Get(101).ReachedAt(JourneyStage.Discover));
        Assert.Equal(Monday.AddDays(2), table.Get(101).LastActivity);
        Assert.Equal(0, table.Get(105).ActivityCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Touch(100));
    }

    [Fact]
    public void Pages_grow_past_one_thousand_and_twenty_four_members_and_keep_each_progress()
    {
        var table = new CreatedMemberProgress(firstId: 1);
        for (var id = 1L; id <= 5_000; id += 2)
        {
            for (var i = 0; i < id % 3; i++)
            {
                table.Touch(id).Include(Monday.AddMinutes(id), null);
            }

            table.Touch(id);
        }

        var ids = table.TouchedIds();
        Assert.Equal(2_500, table.Count);
        Assert.Equal(2_500, ids.Length);
        Assert.Equal(1L, ids[0]);
        Assert.Equal(4_999L, ids[^1]);
        Assert.Equal(2, table.Get(4_997).ActivityCount); // 4,997 % 3 = 2
        Assert.Equal(1, table.Get(4_999).ActivityCount); // 4,999 % 3 = 1
        Assert.Equal(0, table.Get(4_998).ActivityCount);
        Assert.Equal(Monday.AddMinutes(1_025), table.Get(1_025).FirstActivity);
    }

    [Fact]
    public void A_released_member_gives_back_its_progress_and_is_no_longer_counted()
    {
        var table = new CreatedMemberProgress(firstId: 10);
        table.Touch(12).Include(Monday, JourneyStage.Build);

        var released = table.Release(12);

        Assert.Equal(1, released.ActivityCount);
        Assert.Equal(Monday, released.ReachedAt(JourneyStage.Learn));
        Assert.Equal(0, table.Count);
        Assert.False(table.IsTouched(12));
        Assert.Empty(table.TouchedIds());
    }
}

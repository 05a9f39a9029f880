using Rapport.Core.Ingest;
using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Core.Tests.Ingest;

public sealed class StoredMemberReachTests
{
    private static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Wednesday = new(2026, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Friday = new(2026, 3, 6, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_member_not_known_or_without_stored_activity_always_moves()
    {
        var reach = new StoredMemberReach();
        reach.Remember(2, default);

        Assert.True(reach.Moves(1, Batch((Friday, null, null))));
        Assert.True(reach.Moves(2, Batch((Friday, null, null))));
    }

    [Fact]
    public void A_later_batch_at_a_stage_already_reached_does_not_move_and_anything_else_does()
    {
        var reach = new StoredMemberReach();
        reach.Remember(7, Batch((Wednesday, JourneyStage.Evaluate, null)));

        Assert.False(reach.Moves(7, Batch((Friday, JourneyStage.Evaluate, "newsletter"))));
        Assert.False(reach.Moves(7, Batch((Friday, JourneyStage.Discover, null), (Friday.AddHours(1), null, null))));
        Assert.False(reach.Moves(7, Batch((Wednesday, JourneyStage.Discover, null))));
        Assert.False(reach.Moves(7, default));

        Assert.True(reach.Moves(7, Batch((Friday, JourneyStage.Learn, null))));
        Assert.True(reach.Moves(7, Batch((Monday, null, null), (Friday, null, null))));
        Assert.True(reach.Moves(7, Batch((Wednesday, null, "podcast"))));
    }

    [Fact]
    public void Advancing_moves_the_last_activity_on_and_forgetting_makes_a_member_move_again()
    {
        var reach = new StoredMemberReach();
        reach.Remember(7, Batch((Monday, JourneyStage.Build, null)));
        reach.Remember(8, Batch((Monday, JourneyStage.Build, null)));

        reach.Advance(7, Batch((Wednesday, null, null), (Friday, null, null)));
        reach.Advance(9, Batch((Friday, null, null)));
        reach.Forget(8);

        Assert.True(reach.Moves(7, Batch((Wednesday, null, null))));
        Assert.False(reach.Moves(7, Batch((Friday.AddTicks(1), JourneyStage.Build, "podcast"))));
        Assert.True(reach.Moves(8, Batch((Friday, null, null))));
        Assert.True(reach.Moves(9, Batch((Friday.AddDays(1), null, null))));
        Assert.Equal(1, reach.Count);

        reach.Clear();
        Assert.True(reach.Moves(7, Batch((Friday.AddDays(1), null, null))));
    }

    private static MemberProgress Batch(params (DateTime At, JourneyStage? Stage, string? Channel)[] activities)
    {
        var progress = default(MemberProgress);
        foreach (var (at, stage, channel) in activities)
        {
            progress.Include(at, stage, channel);
        }

        return progress;
    }
}

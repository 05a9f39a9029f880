using Rapport.Core.Community;
using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Community;

public sealed class StalledDeveloperRuleTests
{
    private static readonly DateTime AsOf = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly StalledDeveloperRule Rule = new(MinActivities: 3, WindowDays: 30, StalledAfterDays: 14);

    [Fact]
    public void A_developer_is_stalled_exactly_stalledAfterDays_after_their_last_activity()
    {
        DateTime[] times = [AsOf.AddDays(-20), AsOf.AddDays(-16), AsOf.AddDays(-14)];

        Assert.Equal(AsOf, Rule.StalledSince(times, JourneyStage.Evaluate, AsOf));
        Assert.Null(Rule.StalledSince(times, JourneyStage.Evaluate, AsOf.AddSeconds(-1)));
    }

    [Fact]
    public void One_activity_fewer_than_minActivities_in_the_window_is_not_enough()
    {
        Assert.Null(Rule.StalledSince([AsOf.AddDays(-20), AsOf.AddDays(-14)], JourneyStage.Learn, AsOf));
    }

    [Fact]
    public void The_window_is_the_30_days_up_to_the_last_activity_without_its_first_instant()
    {
        var last = AsOf.AddDays(-14);

        Assert.Null(Rule.StalledSince([last.AddDays(-30), last.AddDays(-1), last], JourneyStage.Learn, AsOf));
        Assert.Equal(AsOf, Rule.StalledSince([last.AddDays(-30).AddSeconds(1), last.AddDays(-1), last], JourneyStage.Learn, AsOf));
    }

    [Fact]
    public void Developers_at_Scale_or_without_a_stage_are_never_stalled()
    {
        DateTime[] times = [AsOf.AddDays(-20), AsOf.AddDays(-16), AsOf.AddDays(-15)];

        Assert.Null(Rule.StalledSince(times, JourneyStage.Scale, AsOf));
        Assert.Null(Rule.StalledSince(times, null, AsOf));
        Assert.Equal(AsOf.AddDays(-1), Rule.StalledSince(times, JourneyStage.Build, AsOf));
    }
}

using System.Globalization;
using Rapport.Core.Journey;
using Rapport.Core.Members;

namespace Rapport.Core.Tests.Members;

public sealed class MemberProgressTests
{
    private static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Wednesday = new(2026, 3, 4, 17, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Friday = new(2026, 3, 6, 11, 15, 0, DateTimeKind.Utc);
    private static readonly DateTime Sunday = new(2026, 3, 8, 20, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_progress_has_no_activity_and_no_stage()
    {
        var progress = default(MemberProgress);

        Assert.Null(progress.FirstActivity);
        Assert.Null(progress.LastActivity);
        Assert.Equal(0, progress.ActivityCount);
        Assert.Null(progress.Stage);
        Assert.All(JourneyStages.All, stage => Assert.Null(progress.ReachedAt(stage)));
    }

    [Fact]
    public void Jumping_straight_to_build_reaches_every_earlier_stage_at_that_moment()
    {
        var progress = default(MemberProgress);

        progress.Include(Wednesday, JourneyStage.Build);

        Assert.Equal(JourneyStage.Build, progress.Stage);
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Learn));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Build));
        Assert.Null(progress.ReachedAt(JourneyStage.Scale));
        Assert.Equal(Wednesday, progress.FirstActivity);
        Assert.Equal(Wednesday, progress.LastActivity);
        Assert.Equal(1, progress.ActivityCount);
    }

    [Fact]
    public void An_earlier_discover_activity_keeps_its_earlier_time()
    {
        var progress = default(MemberProgress);

        progress.Include(Monday, JourneyStage.Discover);
        progress.Include(Wednesday, JourneyStage.Build);

        Assert.Equal(Monday, progress.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Build));
        Assert.Equal(JourneyStage.Build, progress.Stage);
    }

    [Fact]
    public void An_aggregate_of_one_activity_type_adds_up_to_including_each_activity()
    {
        var oneByOne = default(MemberProgress);
        oneByOne.Include(Friday, JourneyStage.Evaluate);
        oneByOne.Include(Monday, JourneyStage.Evaluate);
        oneByOne.Include(Wednesday, JourneyStage.Evaluate);
        oneByOne.Include(Sunday, null);

        var aggregated = default(MemberProgress);
        aggregated.Include(Monday, Friday, 3, JourneyStage.Evaluate);
        aggregated.Include(Sunday, Sunday, 1, null);
        aggregated.Include(Sunday, Sunday, 0, JourneyStage.Scale);

        Assert.Equal(oneByOne, aggregated);
        Assert.Equal(4, aggregated.ActivityCount);
        Assert.Equal(Monday, aggregated.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Sunday, aggregated.LastActivity);
        Assert.Equal(JourneyStage.Evaluate, aggregated.Stage);
    }

    [Fact]
    public void Activities_arriving_out_of_order_give_the_same_times()
    {
        var progress = default(MemberProgress);

        progress.Include(Friday, JourneyStage.Learn);
        progress.Include(Monday, JourneyStage.Discover);
        progress.Include(Wednesday, JourneyStage.Evaluate);

        Assert.Equal(Monday, progress.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Friday, progress.ReachedAt(JourneyStage.Learn));
        Assert.Equal(Monday, progress.FirstActivity);
        Assert.Equal(Friday, progress.LastActivity);
        Assert.Equal(3, progress.ActivityCount);
    }

    [Fact]
    public void An_activity_without_a_stage_counts_but_reaches_nothing()
    {
        var progress = default(MemberProgress);

        progress.Include(Monday, stage: null);

        Assert.Equal(1, progress.ActivityCount);
        Assert.Equal(Monday, progress.FirstActivity);
        Assert.Null(progress.Stage);
        Assert.Null(progress.ReachedAt(JourneyStage.Discover));
    }

    [Fact]
    public void A_lower_stage_later_does_not_lower_the_stage()
    {
        var progress = default(MemberProgress);

        progress.Include(Monday, JourneyStage.Learn);
        progress.Include(Sunday, JourneyStage.Discover);

        Assert.Equal(JourneyStage.Learn, progress.Stage);
        Assert.Equal(Monday, progress.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Sunday, progress.LastActivity);
    }

    [Fact]
    public void Merge_takes_earliest_first_latest_last_summed_count_and_earliest_stage_times()
    {
        var browsing = default(MemberProgress);
        browsing.Include(Monday, JourneyStage.Discover);
        browsing.Include(Friday, JourneyStage.Learn);
        var building = default(MemberProgress);
        building.Include(Wednesday, JourneyStage.Evaluate);
        building.Include(Sunday, JourneyStage.Build);
        building.Include(Sunday, stage: null);

        browsing.Merge(building);

        Assert.Equal(Monday, browsing.FirstActivity);
        Assert.Equal(Sunday, browsing.LastActivity);
        Assert.Equal(5, browsing.ActivityCount);
        Assert.Equal(Monday, browsing.ReachedAt(JourneyStage.Discover));
        Assert.Equal(Wednesday, browsing.ReachedAt(JourneyStage.Evaluate));
        Assert.Equal(Friday, browsing.ReachedAt(JourneyStage.Learn));
        Assert.Equal(Sunday, browsing.ReachedAt(JourneyStage.Build));
        Assert.Null(browsing.ReachedAt(JourneyStage.Scale));
        Assert.Equal(JourneyStage.Build, browsing.Stage);
    }

    [Fact]
    public void Merge_gives_the_same_result_in_either_order()
    {
        var a = default(MemberProgress);
        a.Include(Wednesday, JourneyStage.Learn);
        var b = default(MemberProgress);
        b.Include(Monday, JourneyStage.Discover);
        b.Include(Sunday, JourneyStage.Scale);

        var ab = a;
        ab.Merge(b);
        var ba = b;
        ba.Merge(a);

        Assert.Equal(Describe(ab), Describe(ba));
        Assert.Equal(JourneyStage.Scale, ab.Stage);
        Assert.Equal(Wednesday, ab.ReachedAt(JourneyStage.Learn));
        Assert.Equal(3, ab.ActivityCount);
    }

    [Fact]
    public void Merging_an_empty_progress_changes_nothing()
    {
        var progress = default(MemberProgress);
        progress.Include(Wednesday, JourneyStage.Evaluate);
        var before = Describe(progress);

        progress.Merge(default);

        Assert.Equal(before, Describe(progress));
        Assert.Equal(1, progress.ActivityCount);
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Evaluate));
    }

    [Fact]
    public void FromStored_restores_what_was_stored()
    {
        DateTime?[] reachedAt = [Monday, Wednesday, null, null, null];

        var progress = MemberProgress.FromStored(Monday, Friday, 12, reachedAt);

        Assert.Equal(Monday, progress.FirstActivity);
        Assert.Equal(Friday, progress.LastActivity);
        Assert.Equal(12, progress.ActivityCount);
        Assert.Equal(JourneyStage.Evaluate, progress.Stage);
        Assert.Equal(Wednesday, progress.ReachedAt(JourneyStage.Evaluate));
        Assert.Null(progress.ReachedAt(JourneyStage.Learn));
    }

    [Fact]
    public void Two_progresses_are_equal_when_every_time_and_count_is_equal()
    {
        var at = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var a = new MemberProgress();
        a.Include(at, JourneyStage.Learn);
        var b = new MemberProgress();
        b.Include(at, JourneyStage.Learn);
        var c = new MemberProgress();
        c.Include(at, JourneyStage.Build);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.NotEqual(a, c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    /// <summary>Everything a progress holds, as text: for readable assertion messages.</summary>
    private static string Describe(MemberProgress progress) =>
        $"{progress.FirstActivity:O} {progress.LastActivity:O} {progress.ActivityCount} "
        + string.Join(",", JourneyStages.All.Select(stage => progress.ReachedAt(stage)?.ToString("O", CultureInfo.InvariantCulture)));

    [Fact]
    public void The_first_touch_is_the_channel_at_the_first_instant_and_an_earlier_activity_without_one_clears_it()
    {
        var progress = default(MemberProgress);

        progress.Include(Wednesday, null, "newsletter");
        progress.Include(Friday, null, "github");
        Assert.Equal("newsletter", progress.FirstTouchChannel);

        progress.Include(Monday, null, "podcast");
        Assert.Equal("podcast", progress.FirstTouchChannel);

        progress.Include(Monday.AddTicks(-1), null, null);
        Assert.Null(progress.FirstTouchChannel);
        Assert.Equal(Monday.AddTicks(-1), progress.FirstActivity);
    }

    [Fact]
    public void At_one_first_instant_the_channel_first_in_code_point_order_wins_whatever_the_arrival_order()
    {
        // U+1F680 (a surrogate pair in UTF-16) comes after U+FF41 in code points and in UTF-8, but before it in
        // UTF-16's ordinal order; the stores compare UTF-8 bytes.
        string[] channels = ["zeta", "\uff41", "\U0001F680", "dev_to", "dev-to"];
        foreach (var order in new[] { channels, [.. channels.Reverse()] })
        {
            var progress = default(MemberProgress);
            progress.Include(Friday, null, "alpha");
            foreach (var channel in order)
            {
                progress.Include(Wednesday, null, channel);
                progress.Include(Wednesday, null, null);
            }

            Assert.Equal("dev-to", progress.FirstTouchChannel);
        }

        var rocket = default(MemberProgress);
        rocket.Include(Wednesday, null, "\U0001F680");
        rocket.Include(Wednesday, null, "\uff41");
        Assert.Equal("\uff41", rocket.FirstTouchChannel);
    }

    [Fact]
    public void Merging_keeps_the_first_touch_of_the_earlier_first_activity_and_at_a_tie_the_first_channel_either_way()
    {
        var earlier = default(MemberProgress);
        earlier.Include(Monday, null, "podcast");
        var later = default(MemberProgress);
        later.Include(Wednesday, null, "github");
        var tied = default(MemberProgress);
        tied.Include(Monday, null, "github");
        var silent = default(MemberProgress);
        silent.Include(Monday, null, null);

        Assert.Equal("podcast", Merged(earlier, later).FirstTouchChannel);
        Assert.Equal("podcast", Merged(later, earlier).FirstTouchChannel);
        Assert.Equal("github", Merged(earlier, tied).FirstTouchChannel);
        Assert.Equal("github", Merged(tied, earlier).FirstTouchChannel);
        Assert.Equal("podcast", Merged(silent, earlier).FirstTouchChannel);
        Assert.Equal("podcast", Merged(earlier, default).FirstTouchChannel);
        Assert.Equal(Merged(earlier, tied), Merged(tied, earlier));
        Assert.NotEqual(earlier, tied);
    }

    private static MemberProgress Merged(MemberProgress into, MemberProgress other)
    {
        into.Merge(other);
        return into;
    }
}

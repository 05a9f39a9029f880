using Rapport.Core.Funnel;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;

namespace Rapport.Core.Tests.Funnel;

public sealed class FunnelReportTests
{
    private static readonly DateRange March = DateRange.Parse("2026-03-01", "2026-03-31");

    [Fact]
    public void Compute_counts_converts_and_takes_medians_over_members_who_started_in_the_range()
    {
        MemberProgress[] members =
        [
            // Discover → Evaluate 1 d → Learn 2 d → Build 4 d.
            Progress((At(2), JourneyStage.Discover), (At(3), JourneyStage.Evaluate), (At(5), JourneyStage.Learn), (At(9), JourneyStage.Build)),
            // Discover → Evaluate 12 h → Learn 3 d 2 h.
            Progress((At(4), JourneyStage.Discover), (At(4, 12), JourneyStage.Evaluate), (At(7, 14), JourneyStage.Learn)),
            // Discover → Evaluate 2 d.
            Progress((At(10), JourneyStage.Discover), (At(12), JourneyStage.Evaluate)),
            // Discover → Evaluate 3 d.
            Progress((At(15), JourneyStage.Discover), (At(18), JourneyStage.Evaluate)),
            // Discover only.
            Progress((At(20), JourneyStage.Discover)),
            // Straight to Evaluate: Discover and Evaluate at once, 0 d.
            Progress((At(25), JourneyStage.Evaluate)),
            // Activity that maps to no stage: in the range, but in no stage.
            Progress((At(26), null)),
            // Started in February: outside the range, though it reached Scale in March.
            Progress((new DateTime(2026, 2, 20, 0, 0, 0, DateTimeKind.Utc), JourneyStage.Discover), (At(3), JourneyStage.Scale)),
            // Started at the very end of the range's last day, and just after it.
            Progress((new DateTime(2026, 3, 31, 23, 59, 59, DateTimeKind.Utc), null)),
            Progress((new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), JourneyStage.Discover)),
        ];

        var report = FunnelReport.Compute(members, March);

        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 6, null, null),
                new FunnelStage(JourneyStage.Evaluate, 5, 0.8333, 1.0),
                new FunnelStage(JourneyStage.Learn, 2, 0.4, 2.54),
                new FunnelStage(JourneyStage.Build, 1, 0.5, 4.0),
                new FunnelStage(JourneyStage.Scale, 0, 0.0, null),
            ],
            report.Stages);
    }

    [Fact]
    public void Compute_over_no_members_has_no_conversions_and_no_medians()
    {
        var report = FunnelReport.Compute([], DateRange.All);

        Assert.All(report.Stages, stage =>
        {
            Assert.Equal(0, stage.Developers);
            Assert.Null(stage.Conversion);
            Assert.Null(stage.MedianDaysFromPrevious);
        });
        Assert.Equal(JourneyStages.All, report.Stages.Select(stage => stage.Stage));
    }

    [Fact]
    public void FromCounts_rounds_conversions_to_four_places_and_medians_to_two()
    {
        var report = FunnelReport.FromCounts(
            [3, 2, 1, 1, 1],
            [999, 86_400 * 1.23456, 3_600, 0, 86_400 * 10]);

        Assert.Equal(
            [
                new FunnelStage(JourneyStage.Discover, 3, null, null),
                new FunnelStage(JourneyStage.Evaluate, 2, 0.6667, 1.23),
                new FunnelStage(JourneyStage.Learn, 1, 0.5, 0.04),
                new FunnelStage(JourneyStage.Build, 1, 1.0, 0.0),
                new FunnelStage(JourneyStage.Scale, 1, 1.0, 10.0),
            ],
            report.Stages);
    }

    [Fact]
    public void FromCounts_gives_no_conversion_after_an_empty_stage()
    {
        var report = FunnelReport.FromCounts([4, 1, 0, 0, 0], [null, 86_400, null, null, null]);

        Assert.Equal([null, 0.25, 0.0, null, null], report.Stages.Select(stage => stage.Conversion));
        Assert.Equal([null, 1.0, null, null, null], report.Stages.Select(stage => stage.MedianDaysFromPrevious));
    }

    [Fact]
    public void FromCounts_needs_one_entry_per_stage()
    {
        var exception = Assert.Throws<ArgumentException>(() => FunnelReport.FromCounts([1, 2, 3], [null, null, null]));

        Assert.Equal("a funnel has 5 stages", exception.Message);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 10, 0 }, 5)]
    public void Median_interpolates_between_the_two_middle_values(double[] values, double expected)
    {
        Assert.Equal(expected, FunnelReport.Median([.. values]));
    }

    [Fact]
    public void Median_of_nothing_is_null()
    {
        Assert.Null(FunnelReport.Median([]));
    }

    private static DateTime At(int day, int hour = 0) => new(2026, 3, day, hour, 0, 0, DateTimeKind.Utc);

    private static MemberProgress Progress(params (DateTime At, JourneyStage? Stage)[] activities)
    {
        var progress = default(MemberProgress);
        foreach (var (at, stage) in activities)
        {
            progress.Include(at, stage);
        }

        return progress;
    }
}

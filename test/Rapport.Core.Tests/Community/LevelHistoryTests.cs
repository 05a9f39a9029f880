using Rapport.Core.Community;

namespace Rapport.Core.Tests.Community;

public sealed class LevelHistoryTests
{
    [Fact]
    public void The_history_covers_twelve_months_ending_at_the_as_of_time_and_the_end_of_the_month_before()
    {
        var asOf = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

        var points = LevelHistory.Points(asOf);

        Assert.Equal(13, points.Count);
        Assert.Equal(new DateTime(2025, 5, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), points[0]);
        Assert.Equal(new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), points[1]);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(-1), points[11]);
        Assert.Equal(asOf, points[12]);
        Assert.Equal("2025-05", LevelHistory.MonthNames(asOf)[0]);
        Assert.Equal("2026-04", LevelHistory.MonthNames(asOf)[^1]);
    }
}

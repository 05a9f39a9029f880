using Rapport.Core.Reports;

namespace Rapport.Core.Tests.Reports;

public sealed class DateRangeTests
{
    [Fact]
    public void Date_only_to_includes_that_whole_day()
    {
        var range = DateRange.Parse("2026-03-01", "2026-03-31");

        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), range.From);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), range.To);
        Assert.True(range.Contains(new DateTime(2026, 3, 31, 23, 59, 59, 999, DateTimeKind.Utc)));
        Assert.False(range.Contains(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void From_is_included_and_anything_before_it_is_not()
    {
        var range = DateRange.Parse("2026-03-01", null);

        Assert.True(range.Contains(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(range.Contains(new DateTime(2026, 2, 28, 23, 59, 59, DateTimeKind.Utc)));
        Assert.True(range.Contains(new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Null(range.To);
    }

    [Fact]
    public void One_date_as_both_ends_is_that_one_day()
    {
        var range = DateRange.Parse("2026-03-01", "2026-03-01");

        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), range.From);
        Assert.Equal(new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc), range.To);
    }

    [Fact]
    public void Timestamps_with_offsets_are_converted_to_utc()
    {
        var range = DateRange.Parse("2026-03-01T09:00:00+02:00", "2026-03-01T18:30:00-05:00");

        Assert.Equal(new DateTime(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc), range.From);
        Assert.Equal(new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc), range.To);
        Assert.Equal(DateTimeKind.Utc, range.From!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, range.To!.Value.Kind);
    }

    [Fact]
    public void Timestamp_to_is_exact_not_the_whole_day()
    {
        var range = DateRange.Parse(null, "2026-03-31T00:00:00Z");

        Assert.Equal(new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc), range.To);
        Assert.Null(range.From);
    }

    [Fact]
    public void Timestamp_without_an_offset_is_taken_as_utc()
    {
        var range = DateRange.Parse("2026-03-01T09:00:00", null);

        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), range.From);
        Assert.Equal(DateTimeKind.Utc, range.From!.Value.Kind);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "  ")]
    public void Missing_ends_leave_the_range_open(string? from, string? to)
    {
        var range = DateRange.Parse(from, to);

        Assert.Equal(DateRange.All, range);
        Assert.True(range.Contains(DateTime.MinValue));
        Assert.True(range.Contains(DateTime.MaxValue));
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z")]
    [InlineData("2026-03-02", "2026-03-01")]
    [InlineData("2026-03-01T12:00:00+01:00", "2026-03-01T11:00:00Z")]
    public void To_at_or_before_from_is_rejected(string from, string to)
    {
        var exception = Assert.Throws<FormatException>(() => DateRange.Parse(from, to));

        Assert.Equal($"'to' ({to}) must be after 'from' ({from})", exception.Message);
    }

    [Fact]
    public void Garbage_from_is_rejected_naming_the_option()
    {
        var exception = Assert.Throws<FormatException>(() => DateRange.Parse("yesterday", "2026-03-31"));

        Assert.Equal("'from' must be a date (2026-03-01) or an ISO 8601 timestamp, not 'yesterday'", exception.Message);
    }

    [Fact]
    public void Garbage_to_is_rejected_naming_the_option()
    {
        var exception = Assert.Throws<FormatException>(() => DateRange.Parse("2026-03-01", "2026-02-30"));

        Assert.Equal("'to' must be a date (2026-03-01) or an ISO 8601 timestamp, not '2026-02-30'", exception.Message);
    }
}

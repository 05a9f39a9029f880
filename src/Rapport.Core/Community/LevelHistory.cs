namespace Rapport.Core.Community;

/// <summary>
/// The months a level history covers: the last <see cref="Months"/> calendar months up to the as-of time (the current
/// month counts up to then), and the end of the month before them, from which the first month's moves are counted.
/// </summary>
public static class LevelHistory
{
    public const int Months = 12;

    /// <summary><see cref="Months"/> + 1 times, oldest first: the baseline, then the end of each month, the last being <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<DateTime> Points(DateTime asOf)
    {
        var month = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var points = new DateTime[Months + 1];
        for (var i = 0; i < Months; i++)
        {
            // The end of a month is the first instant of the next: an activity at midnight belongs to the next month.
            points[i] = month.AddMonths(i - Months + 1).AddTicks(-1);
        }

        points[Months] = asOf;
        return points;
    }

    /// <summary>The <see cref="Months"/> months' names (<c>2026-03</c>), oldest first.</summary>
    public static IReadOnlyList<string> MonthNames(DateTime asOf)
    {
        var month = new DateTime(asOf.Year, asOf.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, Months).Select(i => month.AddMonths(i - Months + 1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))];
    }
}

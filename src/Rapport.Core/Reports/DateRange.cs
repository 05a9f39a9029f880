using System.Globalization;

namespace Rapport.Core.Reports;

/// <summary>
/// A half-open range of UTC time [<see cref="From"/>, <see cref="To"/>); either end may be open. A date-only
/// <c>to</c> includes that whole day.
/// </summary>
public readonly record struct DateRange(DateTime? From, DateTime? To)
{
    public static DateRange All => default;

    public bool Contains(DateTime at) => (From is null || at >= From) && (To is null || at < To);

    /// <summary>Parses <c>--from</c>/<c>--to</c> values: <c>2026-03-01</c> or an ISO 8601 timestamp.</summary>
    public static DateRange Parse(string? from, string? to)
    {
        var start = ParseBound(from, "from", endOfDay: false);
        var end = ParseBound(to, "to", endOfDay: true);
        if (start is not null && end is not null && end <= start)
        {
            throw new FormatException($"'to' ({to}) must be after 'from' ({from})");
        }

        return new DateRange(start, end);
    }

    private static DateTime? ParseBound(string? text, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            return endOfDay ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp))
        {
            return timestamp.UtcDateTime;
        }

        throw new FormatException($"'{name}' must be a date (2026-03-01) or an ISO 8601 timestamp, not '{text}'");
    }
}

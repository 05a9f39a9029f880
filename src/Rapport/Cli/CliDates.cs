using System.Globalization;

namespace Rapport.Cli;

/// <summary>Dates and times given on the command line: <c>2026-04-01</c> (midnight UTC) or ISO 8601 with a time.</summary>
internal static class CliDates
{
    public static DateTime Parse(string text, string option) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
            : throw new CliException($"{option} \"{text}\" is not a date (write 2026-04-01 or 2026-04-01T09:00:00Z)");

    public static DateOnly ParseDate(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"{option} \"{text}\" is not a date (write 2026-04-01)");
}

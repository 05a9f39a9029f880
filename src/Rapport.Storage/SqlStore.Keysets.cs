using System.Globalization;

namespace Rapport.Storage;

/// <summary>
/// Keyset paging written once for every list: the condition that starts a page after a row's sort key, the key's text,
/// and the cut of the <c>LIMIT n + 1</c> rows that tells whether another page follows.
/// </summary>
public abstract partial class SqlStore
{
    /// <summary>The most rows one page reads, whatever a caller asks for.</summary>
    private protected const int MaxKeysetLimit = 10_000;

    private const char KeySeparator = '|';

    /// <summary>The rows a page asks the database for: one more than it shows, to know whether a next page exists.</summary>
    private protected static int FetchLimit(KeysetRequest request) => Math.Clamp(request.Limit, 1, MaxKeysetLimit) + 1;

    /// <summary>
    /// Rows after (<c>$n</c>, <c>$n+1</c>) in the order <c>first, second</c> with each column's direction; the expanded
    /// form rather than a row comparison, because the two columns may run in different directions.
    /// </summary>
    private protected static string AfterKey(string first, bool firstDescending, string second, bool secondDescending, int parameter) =>
        $"({first} {(firstDescending ? "<" : ">")} ${parameter} OR ({first} = ${parameter} AND {second} {(secondDescending ? "<" : ">")} ${parameter + 1}))";

    /// <summary>The page out of the rows read with <see cref="FetchLimit"/>: the extra row, when there, says more follow.</summary>
    private protected static KeysetPage<T> CutPage<T>(IReadOnlyList<T> rows, KeysetRequest request, Func<T, string> key)
    {
        var limit = Math.Clamp(request.Limit, 1, MaxKeysetLimit);
        return rows.Count > limit ? new KeysetPage<T>([.. rows.Take(limit)], key(rows[limit - 1])) : new KeysetPage<T>(rows, null);
    }

    /// <summary>A row's sort key as text: times as ticks, everything else invariant.</summary>
    private protected static string Key(params object[] parts) => string.Join(KeySeparator, parts.Select(part => part switch
    {
        DateTime time => time.Ticks.ToString(CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => part.ToString(),
    }));

    /// <summary>The parts of a key <see cref="Key"/> wrote; anything else is a 400 for the caller that sent it.</summary>
    private protected static string[] KeyParts(string key, int count)
    {
        var parts = key.Split(KeySeparator);
        return parts.Length == count ? parts : throw BadKey(key);
    }

    private protected static long KeyLong(string part) =>
        long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw BadKey(part);

    private protected static DateTime KeyTime(string part) =>
        long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : throw BadKey(part);

    /// <summary>A day as the <c>yyyy-MM-dd</c> text SQL casts to a date.</summary>
    private protected static string KeyDay(string part) =>
        DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? part : throw BadKey(part);

    private protected static Guid KeyGuid(string part) => Guid.TryParse(part, out var id) ? id : throw BadKey(part);

    private protected static double KeyDouble(string part) =>
        double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw BadKey(part);

    private static FormatException BadKey(string key) => new($"'cursor' does not name a row of this list: '{key}'.");
}

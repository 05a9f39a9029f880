namespace Rapport.Web.Paging;

/// <summary>
/// Cuts pages out of lists. Lists that grow without bound page in SQL: the store reads one page by keyset
/// (<see cref="Storage.KeysetRequest"/>) and <c>Keyed</c> wraps its next key in the list's cursor. <c>Of</c> pages the
/// two lists ranked in C# rather than SQL, computed whole (organizations, feedback areas), by each row's unique key:
/// the page starts after the row the cursor names, so rows added meanwhile are neither repeated nor skipped.
/// </summary>
internal static class Pages
{
    /// <summary>Pages a list whose rows have a unique numeric id.</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> ordered, PageRequest request, string list, Func<T, long> id) =>
        Of(ordered, request, list, item => id(item).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Page<T> Of<T>(IReadOnlyList<T> ordered, PageRequest request, string list, Func<T, string> key)
    {
        var size = request.Size;
        var after = request.After(list);
        var start = 0;
        if (after is not null)
        {
            var index = IndexOf(ordered, after, key);
            start = index < 0
                ? throw new FormatException($"'cursor' names a row that is no longer in the list: '{request.Cursor}'.")
                : index + 1;
        }

        var items = ordered.Skip(start).Take(size).ToList();
        var next = start + items.Count < ordered.Count && items.Count > 0 ? PageCursor.Encode(list, key(items[^1])) : null;
        return new Page<T>(items, next);
    }

    /// <summary>A page read by a keyset query: <paramref name="nextKey"/> is the last row's sort key when more rows follow.</summary>
    public static Page<T> Keyed<T>(IReadOnlyList<T> items, string list, string? nextKey) =>
        new(items, nextKey is null ? null : PageCursor.Encode(list, nextKey));

    /// <summary>A page the store read by keyset, its next key wrapped in the list's cursor.</summary>
    public static Page<T> Keyed<T>(Storage.KeysetPage<T> page, string list) => Keyed(page.Items, list, page.Next);

    private static int IndexOf<T>(IReadOnlyList<T> ordered, string wanted, Func<T, string> key)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (key(ordered[i]) == wanted)
            {
                return i;
            }
        }

        return -1;
    }
}

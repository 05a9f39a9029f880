using Microsoft.AspNetCore.Mvc;

namespace Rapport.Web.Paging;

/// <summary>
/// The paging parameters every list endpoint takes: <c>limit</c> (default 50, at most 500) and the <c>cursor</c> a
/// previous page sent as <c>next</c>. Bound with <c>[AsParameters]</c>, so the OpenAPI document lists both on every list.
/// </summary>
internal sealed class PageRequest
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    /// <summary>How many items a page holds: 1 to 500, 50 when not given.</summary>
    [FromQuery(Name = "limit")]
    public int? Limit { get; init; }

    /// <summary>The <c>next</c> of the previous page, unchanged; without it the list starts at its beginning.</summary>
    [FromQuery(Name = "cursor")]
    public string? Cursor { get; init; }

    /// <summary>The page size asked for; outside 1..500 is a 400.</summary>
    public int Size => Limit switch
    {
        null => DefaultLimit,
        >= 1 and <= MaxLimit => Limit.Value,
        _ => throw new FormatException($"'limit' must be between 1 and {MaxLimit}, not {Limit}."),
    };

    /// <summary>The sort key of the last row of the previous page, or <c>null</c> on the first page.</summary>
    public string? After(string list) => Cursor is null ? null : PageCursor.Decode(Cursor, list);

    /// <summary>This request as the store's keyset request for <paramref name="list"/>.</summary>
    public Storage.KeysetRequest Keyset(string list) => new(Size, After(list));
}

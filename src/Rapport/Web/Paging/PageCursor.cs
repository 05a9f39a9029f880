using System.Text;

namespace Rapport.Web.Paging;

/// <summary>
/// The opaque cursor of a page: base64url of the list's name and the last row's sort key. The name makes a cursor
/// from another list a 400 rather than a silently wrong page; clients pass the cursor back unchanged.
/// </summary>
internal static class PageCursor
{
    private const char Separator = '\n';

    public static string Encode(string list, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(list + Separator + key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The sort key in <paramref name="cursor"/>; a cursor that is malformed or from another list is a 400.</summary>
    public static string Decode(string cursor, string list)
    {
        var base64 = cursor.Trim().Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written))
        {
            var text = Encoding.UTF8.GetString(bytes, 0, written);
            var separator = text.IndexOf(Separator, StringComparison.Ordinal);
            if (separator > 0 && text[..separator] == list)
            {
                return text[(separator + 1)..];
            }
        }

        throw new FormatException($"'cursor' is not the next of a previous page of this list: '{cursor}'.");
    }
}

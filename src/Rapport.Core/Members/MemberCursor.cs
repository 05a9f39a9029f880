using System.Globalization;

namespace Rapport.Core.Members;

/// <summary>
/// Where a page of developers ends: the last row's activity time and id. Written as an opaque token so that
/// clients pass it back unchanged.
/// </summary>
public readonly record struct MemberCursor(DateTime LastActivity, long Id)
{
    public string Encode() => Convert.ToBase64String(
        System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{LastActivity.Ticks}.{Id}")))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static MemberCursor Parse(string token)
    {
        try
        {
            var base64 = token.Trim().Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(base64)).Split('.');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && ticks <= DateTime.MaxValue.Ticks)
            {
                return new MemberCursor(new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException($"'{token}' is not a cursor from a previous page");
    }
}

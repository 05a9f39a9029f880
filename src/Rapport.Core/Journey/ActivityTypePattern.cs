namespace Rapport.Core.Journey;

/// <summary>
/// An activity type name, or a pattern with <c>*</c> standing for any run of characters (<c>link.*</c>,
/// <c>*Viewed</c>). Matching ignores case.
/// </summary>
public sealed class ActivityTypePattern
{
    private readonly string[] _parts;

    public ActivityTypePattern(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text.Trim();
        _parts = Text.Split('*');
    }

    public string Text { get; }

    public bool IsWildcard => _parts.Length > 1;

    public bool Matches(string activityType)
    {
        var rest = activityType.AsSpan();
        if (!IsWildcard)
        {
            return rest.Equals(Text, StringComparison.OrdinalIgnoreCase);
        }

        if (!rest.StartsWith(_parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        rest = rest[_parts[0].Length..];
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var at = rest.IndexOf(_parts[i], StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + _parts[i].Length)..];
        }

        return rest.EndsWith(_parts[^1], StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Text;
}

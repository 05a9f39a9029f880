namespace Rapport.Core.Ingest;

/// <summary>
/// Channel names in lower case, as a member's first touch keeps them, one string per name: a million developers
/// share a few hundred channels, and each keeps a reference rather than a copy.
/// </summary>
internal sealed class ChannelNames
{
    /// <summary>Names kept; past it a name is still lower-cased, only no longer shared.</summary>
    private const int MaxNames = 4_096;

    private readonly Dictionary<string, string> _lowered = new(StringComparer.Ordinal);

    /// <summary>The channel in lower case, or <c>null</c> for none (an empty name is none).</summary>
    public string? Lowered(string? channel)
    {
        if (string.IsNullOrEmpty(channel))
        {
            return null;
        }

        if (_lowered.TryGetValue(channel, out var lowered))
        {
            return lowered;
        }

        lowered = channel.ToLowerInvariant();
        if (_lowered.Count < MaxNames)
        {
            _lowered[channel] = lowered;
        }

        return lowered;
    }
}

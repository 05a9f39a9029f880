namespace Rapport.Core.Community;

/// <summary>A community configuration that cannot be used, with the reason and, for malformed JSON, the line (1-based).</summary>
public sealed class CommunityConfigException(string message, long? line = null) : Exception(message)
{
    public long? Line { get; } = line;
}

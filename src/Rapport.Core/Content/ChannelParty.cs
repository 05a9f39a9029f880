namespace Rapport.Core.Content;

/// <summary>Whether a channel is the team's own property (its blog, docs, YouTube channel) or someone else's.</summary>
public enum ChannelParty
{
    FirstParty,
    ThirdParty,
}

namespace Rapport.Core.Community;

/// <summary>Which members a community list shows.</summary>
public enum CommunityList
{
    /// <summary>Heroes, by score or by nomination.</summary>
    Heroes,

    /// <summary>Active members whose recent advocacy makes them hero candidates.</summary>
    Candidates,
}

using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Reports;

namespace Rapport.Core.Members;

/// <summary>
/// Which developers to list: a search over names, identities and organizations, a current stage, a community level, a tag; most
/// recently active first, <see cref="Limit"/> at a time, continuing after <see cref="Cursor"/>.
/// </summary>
public sealed record MemberQuery
{
    public const int MaxLimit = 500;

    public string? Search { get; init; }

    /// <summary>Developers whose highest stage is this one: the ones who stopped here, so far.</summary>
    public JourneyStage? Stage { get; init; }

    /// <summary>Developers at this community level as the last community refresh derived it (hero by hand included).</summary>
    public CommunityLevel? Level { get; init; }

    public string? Tag { get; init; }

    /// <summary>
    /// Developers of this organization (<see cref="Organizations"/>): a <c>company</c> trait naming it (case and
    /// spacing aside), or, without a company, an email address at the domain.
    /// </summary>
    public string? Organization { get; init; }

    /// <summary>Developers in this ideal customer profile, as membership was last derived (docs/icps.md).</summary>
    public string? Icp { get; init; }

    /// <summary>Developers whose first activity came through this channel (lower case), as the funnel filters them.</summary>
    public string? FirstTouchChannel { get; init; }

    /// <summary>Developers whose first activity falls in this range: the funnel's population for the same range.</summary>
    public DateRange FirstActivity { get; init; }

    public int Limit { get; init; } = 50;

    public MemberCursor? Cursor { get; init; }
}

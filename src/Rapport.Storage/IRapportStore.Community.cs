using Rapport.Core.Community;
using Rapport.Core.Outreach;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>Community levels, the hero program, stalled developers and the outreach queue (docs/community.md).</summary>
public partial interface IRapportStore
{
    /// <summary>The workspace's community rules, or <see cref="CommunityConfig.Default"/> until it sets its own.</summary>
    Task<CommunityConfig> GetCommunityConfigAsync(Workspace workspace, CancellationToken cancellationToken);

    /// <summary>Stores new community rules; levels change at the next <see cref="RefreshCommunityAsync"/>.</summary>
    Task SetCommunityConfigAsync(Workspace workspace, CommunityConfig config, CancellationToken cancellationToken);

    /// <summary>
    /// Re-derives every member's score, level, level history, stalled state and hero candidacy as of
    /// <paramref name="asOf"/> from their activities (bots' activities never count), and adds the outreach tasks the
    /// rules call for, without duplicating a task of the same member, reason and episode. One transaction; ingest
    /// goes on meanwhile. Returns what changed since the previous refresh.
    /// </summary>
    Task<CommunityRefresh> RefreshCommunityAsync(Workspace workspace, DateTime asOf, CancellationToken cancellationToken);

    /// <summary>A member's level and why, as of the last refresh; <c>null</c> when the member has none yet.</summary>
    Task<MemberLevel?> GetMemberLevelAsync(Workspace workspace, long memberId, CancellationToken cancellationToken);

    /// <summary>Members per level now and per month over the last 12 months, with moves, as of the last refresh.</summary>
    Task<LevelReport> GetLevelReportAsync(Workspace workspace, int movesPerMonth, CancellationToken cancellationToken);

    /// <summary>Heroes or hero candidates, highest score first, a page at a time, and how many there are.</summary>
    Task<(IReadOnlyList<CommunityMember> Members, long Total)> ListCommunityMembersAsync(
        Workspace workspace, CommunityList list, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>One page of heroes or hero candidates by keyset: highest score first, then member id.</summary>
    Task<KeysetPage<CommunityMember>> ListCommunityMembersAsync(
        Workspace workspace, CommunityList list, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Names a member a hero by hand (<paramref name="hero"/> true) or takes the title away (false), overriding the
    /// score from now on; <paramref name="by"/> and <paramref name="reason"/> are kept.
    /// </summary>
    Task<HeroNomination> NominateHeroAsync(Workspace workspace, long memberId, bool hero, string by, string reason, CancellationToken cancellationToken);

    Task<Recognition> AddRecognitionAsync(
        Workspace workspace, long memberId, string kind, string? note, DateOnly givenOn, string by, CancellationToken cancellationToken);

    /// <summary>Recognition given, newest first; every member's, or one member's.</summary>
    Task<(IReadOnlyList<Recognition> Recognitions, long Total)> ListRecognitionsAsync(
        Workspace workspace, long? memberId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>One page of recognition by keyset: latest day first, then latest recorded, then id.</summary>
    Task<KeysetPage<Recognition>> ListRecognitionsAsync(Workspace workspace, long? memberId, KeysetRequest page, CancellationToken cancellationToken);

    Task<OutreachPage> ListOutreachTasksAsync(Workspace workspace, OutreachQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the tasks <paramref name="query"/> selects (its offset and limit aside) by keyset, oldest first
    /// (created, then id), and how many it selects in all.
    /// </summary>
    Task<(KeysetPage<OutreachTask> Page, long Total)> ListOutreachTasksAsync(
        Workspace workspace, OutreachQuery query, KeysetRequest page, CancellationToken cancellationToken);

    /// <summary>One task with its evidence (the member's last activities); <c>null</c> when there is no such task.</summary>
    Task<OutreachTask?> GetOutreachTaskAsync(Workspace workspace, long taskId, CancellationToken cancellationToken);

    /// <summary>Changes a task's status, assignee or notes; <c>null</c> when there is no such task.</summary>
    Task<OutreachTask?> UpdateOutreachTaskAsync(
        Workspace workspace, long taskId, OutreachTaskUpdate update, string author, CancellationToken cancellationToken);
}

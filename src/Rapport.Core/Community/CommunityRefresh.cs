using Rapport.Core.Outreach;

namespace Rapport.Core.Community;

/// <summary>
/// What a refresh of levels, stalled state and the outreach queue changed, for whoever wants to tell others (outbound
/// webhooks): members whose level changed (members seen for the first time are not changes), members who became
/// stalled, and the outreach tasks created.
/// </summary>
public sealed record CommunityRefresh(
    DateTime AsOf,
    long Members,
    IReadOnlyList<LevelChange> LevelChanges,
    IReadOnlyList<StalledMember> BecameStalled,
    IReadOnlyList<CreatedOutreachTask> TasksCreated);

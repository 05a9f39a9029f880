namespace Rapport.Core.Outreach;

/// <summary>
/// Why a task was created: the episode it belongs to (the last activity before going quiet, the question's time, or
/// the start of a candidacy), the member's last activity, and the question when there is one.
/// </summary>
public sealed record OutreachEvidence(DateTime EpisodeAt, DateTime? LastActivityAt, string? Question, string? QuestionUrl, IReadOnlyList<OutreachActivity> RecentActivities);

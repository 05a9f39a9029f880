namespace Rapport.Core.Pulse;

/// <summary>
/// One week (Monday to Sunday, UTC) of the community's health. Community numbers leave out the team's members.
/// </summary>
/// <param name="NewMembers">Developers whose first activity was this week.</param>
/// <param name="ActiveMembers">Developers with at least one activity this week.</param>
/// <param name="HeroesActive">Of those, the heroes (community level hero at the latest refresh).</param>
/// <param name="AnsweredWithin48HoursShare">Of the week's questions, the share with a first answer within 48 hours; <c>null</c> without questions.</param>
/// <param name="MedianFirstResponseHours">Over the week's questions that have a first answer; <c>null</c> without one.</param>
/// <param name="TeamActivities">Activities of the team's members this week: the team's own engagement.</param>
public sealed record PulseWeek(
    DateOnly WeekStart,
    int NewMembers,
    int ActiveMembers,
    int HeroesActive,
    int QuestionsAsked,
    double? AnsweredWithin48HoursShare,
    double? MedianFirstResponseHours,
    int TeamActivities);

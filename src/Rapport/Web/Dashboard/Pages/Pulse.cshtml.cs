using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Pulse;
using Rapport.Storage;
using Rapport.Web.Dashboard.Charts;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// The community's weekly pulse (docs/community.md#health-pulse): the same store call, default rules and numbers as
/// <c>rapport community pulse</c> and <c>GET /api/v1/community/pulse</c>, drawn as charts and a table.
/// </summary>
internal sealed class PulseModel(IRapportStore store, WorkspaceResolver workspaces, TimeProvider clock) : DashboardPage(store, workspaces)
{
    /// <summary>The pulse as of this date (<c>2026-04-01</c>) instead of now.</summary>
    [BindProperty(SupportsGet = true)]
    public string? AsOf { get; set; }

    public CommunityPulse Pulse { get; private set; } = null!;

    public string? Error { get; private set; }

    public IReadOnlyList<string> WeekLabels => [.. Pulse.Weeks.Select(week => week.WeekStart.ToString("MMM d", CultureInfo.InvariantCulture))];

    public IReadOnlyList<ChartSeries> Members =>
    [
        new("New members", [.. Pulse.Weeks.Select(week => (double)week.NewMembers)]),
        new("Active members", [.. Pulse.Weeks.Select(week => (double)week.ActiveMembers)]),
        new("Heroes active", [.. Pulse.Weeks.Select(week => (double)week.HeroesActive)]),
    ];

    public IReadOnlyList<ChartSeries> Questions => [new("Questions asked", [.. Pulse.Weeks.Select(week => (double)week.QuestionsAsked)])];

    /// <summary>Weeks without questions have no share; the chart draws them at zero and the table leaves them empty.</summary>
    public IReadOnlyList<ChartSeries> AnsweredShare =>
        [new("Answered within 48 h", [.. Pulse.Weeks.Select(week => 100 * (week.AnsweredWithin48HoursShare ?? 0))])];

    public IReadOnlyList<ChartSeries> FirstResponse =>
        [new("Median first response", [.. Pulse.Weeks.Select(week => week.MedianFirstResponseHours ?? 0)])];

    public IReadOnlyList<ChartSeries> Team => [new("Team activities", [.. Pulse.Weeks.Select(week => (double)week.TeamActivities)])];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("pulse",
            ["week_start", "new_members", "active_members", "heroes_active", "questions_asked", "answered_within_48h_share", "median_first_response_hours", "team_activities"],
            Pulse.Weeks.Select(week => (IReadOnlyList<object?>)
            [
                week.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.NewMembers, week.ActiveMembers, week.HeroesActive, week.QuestionsAsked,
                week.AnsweredWithin48HoursShare, week.MedianFirstResponseHours, week.TeamActivities,
            ]));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var at = clock.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrWhiteSpace(AsOf))
        {
            if (DateOnly.TryParseExact(AsOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                // A date means the end of that day, as the week it falls in is shown whole.
                at = day.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc);
            }
            else
            {
                Error = $"'{AsOf}' is not a date (2026-04-01).";
                AsOf = null;
            }
        }

        Pulse = await Store.GetCommunityPulseAsync(Workspace, at, PulseRules.Default, cancellationToken);
    }
}

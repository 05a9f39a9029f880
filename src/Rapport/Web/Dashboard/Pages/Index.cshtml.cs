using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Community;
using Rapport.Core.Funnel;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;
using Rapport.Core.Reports;
using Rapport.Storage;
using Rapport.Web.Dashboard.Charts;

namespace Rapport.Web.Dashboard.Pages;

internal sealed class IndexModel(IRapportStore store, WorkspaceResolver workspaces, TimeProvider clock) : DashboardPage(store, workspaces)
{
    public const int Weeks = 26;

    public WorkspaceStats Stats { get; private set; } = null!;

    public FunnelReport Funnel { get; private set; } = null!;

    public IReadOnlyList<WeeklyProgress> Progress { get; private set; } = [];

    public IReadOnlyList<string> WeekLabels { get; private set; } = [];

    public IReadOnlyList<ChartSeries> WeekSeries { get; private set; } = [];

    public IReadOnlyList<(string Label, double Value)> TopActivities { get; private set; } = [];

    public IReadOnlyList<(string Label, double Value)> IdentityKinds { get; private set; } = [];

    public long NewThisWeek { get; private set; }

    /// <summary>Members per community level as the last refresh derived them.</summary>
    public LevelCounts Levels { get; private set; } = new(0, 0, 0);

    /// <summary>Outreach tasks waiting for someone on the team: "who should I help today?" starts here.</summary>
    public long OutreachWaiting { get; private set; }

    public string From { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("weekly-progress",
            ["week", "new_developers", .. JourneyStages.All.Select(JourneyStages.Name)],
            Progress.Select(week => (IReadOnlyList<object?>)[week.WeekStart, week.NewDevelopers, .. week.StageReached.Cast<object?>()]));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = today.AddDays(-7 * Weeks);
        From = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var range = new DateRange(start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null);

        // The page's queries run together: each is a read on its own pooled connection.
        var stats = Store.GetStatsAsync(Workspace, cancellationToken);
        var funnel = Store.GetFunnelAsync(Workspace, range, cancellationToken);
        var weekly = Store.GetWeeklyProgressAsync(Workspace, range, cancellationToken);
        var lastWeek = Store.GetFunnelAsync(Workspace, new DateRange(today.AddDays(-6).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), null), cancellationToken);
        var levels = Store.GetLevelReportAsync(Workspace, 0, cancellationToken);
        var outreach = Store.ListOutreachTasksAsync(Workspace, new OutreachQuery { Status = OutreachStatus.Open, Limit = 1 }, cancellationToken);
        Stats = await stats;
        Funnel = await funnel;
        Progress = await weekly;
        NewThisWeek = (await lastWeek).Stages[0].Developers;
        Levels = (await levels).Current;
        OutreachWaiting = (await outreach).Total;

        WeekLabels = [.. Progress.Select(week => week.WeekStart.ToString("d MMM", CultureInfo.InvariantCulture))];
        WeekSeries =
        [
            new ChartSeries("New developers", [.. Progress.Select(week => (double)week.NewDevelopers)]),
            .. JourneyStages.All.Skip(1).Select(stage => new ChartSeries(
                $"Reached {JourneyStages.Name(stage)}", [.. Progress.Select(week => (double)week.Reached(stage))])),
        ];
        TopActivities = [.. Stats.TopActivityTypes.Take(10).Select(type => (type.Type, (double)type.Count))];
        IdentityKinds = [.. Stats.Identities.OrderByDescending(kind => kind.Value).Select(kind => (kind.Key, (double)kind.Value))];
    }
}

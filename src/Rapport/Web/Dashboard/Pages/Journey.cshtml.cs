using Microsoft.AspNetCore.Mvc;
using Rapport.Core.Funnel;
using Rapport.Core.Journey;
using Rapport.Core.Reports;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

internal sealed class JourneyModel(IRapportStore store, WorkspaceResolver workspaces) : DashboardPage(store, workspaces)
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>Only the developers of this ideal customer profile (docs/icps.md).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Icp { get; set; }

    /// <summary>Only the developers whose first activity came through this channel.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    /// <summary>The channels developers were first seen through, for the filter.</summary>
    public IReadOnlyList<string> Channels { get; private set; } = [];

    /// <summary>The workspace's ICP names, for the filter.</summary>
    public IReadOnlyList<string> Icps { get; private set; } = [];

    public string? Error { get; private set; }

    public FunnelReport Funnel { get; private set; } = null!;

    public string RangeText => (From, To) switch
    {
        (null, null) => "all time",
        (_, null) => $"since {From}",
        (null, _) => $"until {To}",
        _ => $"{From} to {To}",
    } + (Icp is null ? "" : $", ICP {Icp}") + (Channel is null ? "" : $", first touch {Channel}");

    public string CsvUrl =>
        "?handler=csv" + (From is null ? "" : "&from=" + Uri.EscapeDataString(From)) + (To is null ? "" : "&to=" + Uri.EscapeDataString(To))
        + (Icp is null ? "" : "&icp=" + Uri.EscapeDataString(Icp)) + (Channel is null ? "" : "&channel=" + Uri.EscapeDataString(Channel));

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Csv("funnel", ["stage", "developers", "conversion", "median_days_from_previous", "stopped_here"],
            Funnel.Stages.Select(stage => (IReadOnlyList<object?>)
                [JourneyStages.Name(stage.Stage), stage.Developers, stage.Conversion, stage.MedianDaysFromPrevious, Stopped(stage.Stage)]));
    }

    /// <summary>Developers whose furthest stage is this one: at this stage and not at the next.</summary>
    public long Stopped(JourneyStage stage)
    {
        var index = (int)stage;
        return Funnel.Stages[index].Developers - (index + 1 < Funnel.Stages.Count ? Funnel.Stages[index + 1].Developers : 0);
    }

    public string StoppedUrl(JourneyStage stage) =>
        $"/developers?stage={JourneyStages.Name(stage)}" +
        (From is null ? "" : $"&firstFrom={Uri.EscapeDataString(From)}") + (To is null ? "" : $"&firstTo={Uri.EscapeDataString(To)}")
        + (Icp is null ? "" : $"&icp={Uri.EscapeDataString(Icp)}") + (Channel is null ? "" : $"&channel={Uri.EscapeDataString(Channel)}");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadWorkspaceAsync(cancellationToken);
        From = string.IsNullOrWhiteSpace(From) ? null : From.Trim();
        To = string.IsNullOrWhiteSpace(To) ? null : To.Trim();
        DateRange range;
        try
        {
            range = DateRange.Parse(From, To);
        }
        catch (FormatException e)
        {
            Error = e.Message;
            (From, To, range) = (null, null, DateRange.All);
        }

        var icps = await Store.GetIcpsAsync(Workspace, cancellationToken);
        Icps = [.. icps.Definitions.Select(icp => icp.Name)];
        Icp = string.IsNullOrWhiteSpace(Icp) ? null : Icp.Trim();
        if (Icp is not null && icps.Find(Icp) is null)
        {
            Error = $"There is no ICP '{Icp}'.";
            Icp = null;
        }

        Channels = await Store.ListFirstTouchChannelsAsync(Workspace, cancellationToken);
        Channel = string.IsNullOrWhiteSpace(Channel) ? null : Channel.Trim().ToLowerInvariant();
        Funnel = await Store.GetFunnelAsync(Workspace, new FunnelFilter(range, Icp, Channel), cancellationToken);
    }
}

using Rapport.Core.Pulse;
using Rapport.Storage;

namespace Rapport.Web.Community;

/// <summary>
/// Refreshes levels, stalled developers, the outreach queue and ICP membership of the served workspace, and checks its
/// health pulse (announcing each new lapse to the webhooks that want <c>community.pulse_lapsed</c>), every
/// <see cref="Interval"/> while <c>rapport serve</c> runs (first one minute after start). The refresh writes only derived
/// tables, beside ingest, so ingest is never held up; a failed refresh is logged and tried again next time.
/// </summary>
internal sealed partial class CommunityRefreshService(
    IRapportStore store, WorkspaceResolver workspaces, TimeProvider clock, TimeSpan interval, ILogger<CommunityRefreshService> logger) : BackgroundService
{
    public TimeSpan Interval { get; } = interval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(Math.Min(1, Interval.TotalMinutes)), clock, stoppingToken).ConfigureAwait(false);
            do
            {
                await RefreshOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an unfinished refresh rolled back and the previous one still stands.
        }
    }

    private async Task RefreshOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var workspace = await workspaces.ResolveAsync(null, stoppingToken).ConfigureAwait(false);
            var started = clock.GetTimestamp();
            var refresh = await store.RefreshCommunityAsync(workspace, clock.GetUtcNow().UtcDateTime, stoppingToken).ConfigureAwait(false);
            Refreshed(logger, workspace.Slug, refresh.Members, refresh.TasksCreated.Count, clock.GetElapsedTime(started).TotalMilliseconds);

            // ICP rules look at recent activity and at traits that ingest changes: membership is derived again with the levels.
            if ((await store.GetIcpsAsync(workspace, stoppingToken).ConfigureAwait(false)).Definitions.Count > 0)
            {
                await store.RefreshIcpsAsync(workspace, clock.GetUtcNow().UtcDateTime, stoppingToken).ConfigureAwait(false);
            }

            // A lapse of the pulse is announced once: its event id derives from its kind and start, so the checks that
            // follow while it lasts write nothing, and the next lapse (after the team engaged again) is a new event.
            var (_, announced) = await store.CheckCommunityPulseAsync(workspace, clock.GetUtcNow().UtcDateTime, PulseRules.Default, stoppingToken).ConfigureAwait(false);
            if (announced > 0)
            {
                PulseLapsed(logger, workspace.Slug, announced);
            }
        }
        catch (NotFoundException)
        {
            // Nothing was ingested into the workspace yet.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            RefreshFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Community of {Workspace} refreshed: {Members} members, {Tasks} new outreach tasks, in {Milliseconds:0} ms")]
    private static partial void Refreshed(ILogger logger, string workspace, long members, int tasks, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The community pulse of {Workspace} lapsed: {Events} community.pulse_lapsed events announced")]
    private static partial void PulseLapsed(ILogger logger, string workspace, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "The community refresh failed; it runs again at the next interval")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);
}

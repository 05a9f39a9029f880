using Rapport.Storage;

namespace Rapport.Web.Privacy;

/// <summary>
/// Prunes the served workspace's raw page views older than <see cref="RetentionDays"/> every hour while
/// <c>rapport serve</c> runs (first one minute after start): they are rolled up into per-page-and-day totals and
/// deleted in one transaction, so reports keep their numbers (docs/security.md#retention). A failed prune is logged
/// and tried again at the next hour; the views it left stay until then.
/// </summary>
internal sealed partial class PageViewRetentionService(
    IRapportStore store, WorkspaceResolver workspaces, TimeProvider clock, int retentionDays, ILogger<PageViewRetentionService> logger) : BackgroundService
{
    /// <summary>The audit log's name for the server's own chores.</summary>
    public const string Actor = "system:retention";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public int RetentionDays { get; } = retentionDays;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken).ConfigureAwait(false);
            do
            {
                await PruneOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an unfinished prune rolled back, and every view it would have pruned is still there.
        }
    }

    private async Task PruneOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var workspace = await workspaces.ResolveAsync(null, stoppingToken).ConfigureAwait(false);
            var pruned = await store.PrunePageViewsAsync(workspace, clock.GetUtcNow().UtcDateTime.AddDays(-RetentionDays), Actor, stoppingToken)
                .ConfigureAwait(false);
            if (pruned.ActivitiesDeleted > 0)
            {
                Pruned(logger, workspace.Slug, pruned.ViewsRolledUp, pruned.ActivitiesDeleted);
            }
        }
        catch (NotFoundException)
        {
            // Nothing was ingested into the workspace yet.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PruneFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Page views of {Workspace} past retention pruned: {Views} views rolled up, {Rows} raw rows deleted")]
    private static partial void Pruned(ILogger logger, string workspace, long views, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pruning page views past retention failed; it runs again in an hour")]
    private static partial void PruneFailed(ILogger logger, Exception exception);
}

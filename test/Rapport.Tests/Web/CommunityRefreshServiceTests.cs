using System.Text;
using Microsoft.Extensions.Time.Testing;
using Rapport.Connectors.Segment;
using Rapport.Core.Webhooks;
using Rapport.Storage;
using Rapport.Web;

namespace Rapport.Tests.Web;

/// <summary><c>rapport serve</c>'s background refresh of levels and the outreach queue, on a fake clock.</summary>
public sealed class CommunityRefreshServiceTests : IAsyncDisposable
{
    private static readonly DateTime Start = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(Start);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_server_refreshes_a_minute_after_start_and_then_at_every_interval()
    {
        await using var store = RapportStore.Open(_directory.File("rapport.duckdb"), _clock);
        var workspace = await store.GetOrCreateWorkspaceAsync("default", Cancellation);
        await using (var session = await store.BeginIngestAsync(workspace, Cancellation))
        {
            var json = """{"type":"track","messageId":"t1","userId":"ada","event":"Talk Given","timestamp":"2026-04-01T09:00:00Z"}""";
            await session.AddAsync([SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), Start)], Cancellation);
            await session.CommitAsync(Cancellation);
        }

        await using var app = RapportWebHost.Build(store, "default", "http://127.0.0.1:0", _clock, communityRefresh: TimeSpan.FromMinutes(15));
        await app.StartAsync(Cancellation);
        Assert.Null((await store.GetLevelReportAsync(workspace, 0, Cancellation)).AsOf);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Start.AddMinutes(1), await RefreshedAsOfAsync(store, workspace, Start.AddMinutes(1)));

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(Start.AddMinutes(16), await RefreshedAsOfAsync(store, workspace, Start.AddMinutes(16)));
        Assert.Equal(1, (await store.GetLevelReportAsync(workspace, 0, Cancellation)).Current.Active);
        await app.StopAsync(Cancellation);
    }

    [Fact]
    public async Task The_server_announces_a_lapse_of_the_pulse_once_while_it_lasts()
    {
        await using var store = RapportStore.Open(_directory.File("rapport.duckdb"), _clock);
        var workspace = await store.GetOrCreateWorkspaceAsync("default", Cancellation);
        await using (var session = await store.BeginIngestAsync(workspace, Cancellation))
        {
            var json = """{"type":"track","messageId":"t1","userId":"tess","event":"Talk Given","timestamp":"2026-04-01T09:00:00Z"}""";
            await session.AddAsync([SegmentMessageParser.Parse(Encoding.UTF8.GetBytes(json), Start)], Cancellation);
            await session.CommitAsync(Cancellation);
        }

        var tess = await store.FindMemberAsync(workspace, Core.Identities.Identity.Parse("user:tess"), Cancellation);
        await store.SetMemberTagAsync(workspace, tess!.Id, "team", tagged: true, Cancellation);
        await store.AddWebhookSubscriptionAsync(
            workspace, "https://hooks.example.com/pulse", [WebhookEventNames.CommunityPulseLapsed], WebhookFormat.Json, Cancellation);

        await using var app = RapportWebHost.Build(store, "default", "http://127.0.0.1:0", _clock, communityRefresh: TimeSpan.FromDays(1));
        await app.StartAsync(Cancellation);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Start.AddMinutes(1), await RefreshedAsOfAsync(store, workspace, Start.AddMinutes(1)));
        var counts = new List<int>();
        for (var day = 1; day <= 10; day++)
        {
            // A refresh is seen once the next one started: the loop runs them one after another.
            _clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(Start.AddMinutes(1).AddDays(day), await RefreshedAsOfAsync(store, workspace, Start.AddMinutes(1).AddDays(day)));
            counts.Add(await PulseEventsAsync(store, workspace));
        }

        // The team (Tess) was last active on 1 April: quiet for more than 7 days from the check of 8 April 09:01 on.
        // The refresh seen on day N is the check of day N - 1, done; the check of day N may be running.
        Assert.Equal(0, counts[5]);
        Assert.Equal(1, counts[9]);
        Assert.All(counts, count => Assert.InRange(count, 0, 1));
        await app.StopAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        _directory.Dispose();
        await ValueTask.CompletedTask;
    }

    private static async Task<int> PulseEventsAsync(IRapportStore store, Core.Workspaces.Workspace workspace) =>
        (await store.ListWebhookDeliveriesAsync(workspace, null, 100, Cancellation)).Count(delivery => delivery.Event == WebhookEventNames.CommunityPulseLapsed);

    /// <summary>Waits (in real time, a few seconds at most) for the background refresh as of <paramref name="expected"/>.</summary>
    private static async Task<DateTime?> RefreshedAsOfAsync(IRapportStore store, Core.Workspaces.Workspace workspace, DateTime expected)
    {
        DateTime? asOf = null;
        for (var attempt = 0; attempt < 300 && asOf != expected; attempt++)
        {
            await Task.Delay(100, Cancellation);
            asOf = (await store.GetLevelReportAsync(workspace, 0, Cancellation)).AsOf;
        }

        return asOf;
    }
}

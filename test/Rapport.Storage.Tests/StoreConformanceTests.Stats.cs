using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Stats_count_developers_identities_and_activities_by_type()
    {
        await IngestAsync(
            """{"type":"page","messageId":"1","anonymousId":"anon-ada","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"2","anonymousId":"anon-ada","timestamp":"2026-03-02T10:10:00Z"}""",
            """{"type":"identify","messageId":"3","anonymousId":"anon-ada","userId":"42","traits":{"email":"ada@example.com","github":"ada"},"timestamp":"2026-03-02T10:20:00Z"}""",
            """{"type":"track","messageId":"4","userId":"42","event":"Signed Up","timestamp":"2026-03-02T10:30:00Z"}""",
            """{"type":"page","messageId":"5","anonymousId":"anon-bob","timestamp":"2026-02-27T23:59:59Z"}""",
            """{"type":"track","messageId":"6","userId":"7","event":"API Called","timestamp":"2026-03-05T08:00:00Z"}""",
            """{"type":"track","messageId":"7","userId":"7","event":"API Called","timestamp":"2026-03-06T08:00:00Z"}""",
            """{"type":"track","messageId":"8","userId":"7","event":"Docs Viewed","timestamp":"2026-03-09T17:45:00Z"}""",
            """{"type":"identify","messageId":"9","anonymousId":"anon-eve","traits":{"name":"Eve"},"timestamp":"2026-03-10T00:00:00Z"}""");

        var stats = await Store.GetStatsAsync(Workspace, Token);

        Assert.Equal(4, stats.Developers);
        Assert.Equal(2, stats.IdentifiedDevelopers);
        Assert.Equal(2, stats.AnonymousDevelopers);
        Assert.Equal(
            new Dictionary<string, long> { ["anonymous"] = 3, ["email"] = 1, ["github"] = 1, ["user"] = 2 },
            stats.Identities.ToDictionary());
        Assert.Equal(7, stats.Activities);
        Assert.Equal(
            [new("page", 3), new("API Called", 2), new("Docs Viewed", 1), new("Signed Up", 1)],
            stats.TopActivityTypes);
        Assert.Equal(Utc(2, 27, 23, 59, 59), stats.FirstActivity);
        Assert.Equal(Utc(3, 9, 17, 45), stats.LastActivity);
    }

    [Fact]
    public async Task Stats_of_an_empty_workspace_are_zero()
    {
        var stats = await Store.GetStatsAsync(Workspace, Token);

        Assert.Equal(new WorkspaceStats(0, 0, 0, stats.Identities, 0, stats.TopActivityTypes, null, null), stats);
        Assert.Empty(stats.Identities);
        Assert.Empty(stats.TopActivityTypes);
    }

    [Fact]
    public async Task Stats_list_at_most_ten_activity_types_most_frequent_first()
    {
        var messages = new List<string>();
        for (var type = 0; type < 12; type++)
        {
            for (var n = 0; n <= type; n++)
            {
                messages.Add($$"""{"type":"track","messageId":"{{type}}-{{n}}","userId":"1","event":"Event {{type:00}}","timestamp":"2026-03-01T00:00:00Z"}""");
            }
        }

        await IngestAsync([.. messages]);
        var stats = await Store.GetStatsAsync(Workspace, Token);

        Assert.Equal(78, stats.Activities);
        Assert.Equal(
            Enumerable.Range(2, 10).Reverse().Select(type => new ActivityTypeCount($"Event {type:00}", type + 1)),
            stats.TopActivityTypes);
    }
}

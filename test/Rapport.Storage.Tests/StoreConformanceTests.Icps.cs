using Rapport.Core.Community;
using Rapport.Core.Content;
using Rapport.Core.Icps;
using Rapport.Core.Journey;
using Rapport.Core.Members;
using Rapport.Core.Reports;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    private const string IcpFile =
        """
        {"icps": [
          {"name": "platform-teams", "description": "SREs at companies of 200 or more",
           "rule": {"all": [{"trait": "role", "equals": "sre"}, {"organization": "employees", "atLeast": 200}]}},
          {"name": "builders", "rule": {"activity": "API Called", "withinDays": 30}}
        ]}
        """;

    /// <summary>
    /// Four developers: Ada an SRE at Acme (500 employees, by a group call) who calls the API; Bob an SRE at a small
    /// company; Cyd a developer at Acme; Dan who called the API long ago.
    /// </summary>
    private async Task IngestIcpTrafficAsync() =>
        await IngestAsync(
            """{"type":"identify","messageId":"i1","userId":"ada","traits":{"role":"sre","email":"ada@acme.io"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"group","messageId":"g1","userId":"ada","groupId":"acme","traits":{"name":"Acme","employees":500},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"track","messageId":"t1","userId":"ada","event":"API Called","timestamp":"2026-03-20T00:00:00Z"}""",
            """{"type":"identify","messageId":"i2","userId":"bob","traits":{"role":"sre"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"group","messageId":"g2","userId":"bob","groupId":"tiny","traits":{"employees":12},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"page","messageId":"p2","userId":"bob","timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"identify","messageId":"i3","userId":"cyd","traits":{"role":"developer"},"timestamp":"2026-03-01T00:00:00Z"}""",
            """{"type":"group","messageId":"g3","userId":"cyd","groupId":"acme","timestamp":"2026-03-02T00:00:00Z"}""",
            """{"type":"track","messageId":"t3","userId":"cyd","event":"Signed Up","timestamp":"2026-03-03T00:00:00Z"}""",
            """{"type":"track","messageId":"t4","userId":"dan","event":"API Called","timestamp":"2026-01-10T00:00:00Z"}""");

    [Fact]
    public async Task Setting_ICPs_derives_who_is_in_each_and_the_funnel_filters_by_them()
    {
        await IngestIcpTrafficAsync();
        var ada = (await FindExistingAsync("user:ada")).Id;

        var refresh = await Store.SetIcpsAsync(Workspace, IcpSet.Parse(IcpFile), Token);

        // As of 2026-04-01 09:00: Ada is an SRE at Acme (500, from the group call Cyd's later call without traits
        // does not erase); she called the API 12 days ago. Dan's call is 81 days old, too old for builders.
        Assert.Equal(4, refresh.MembersEvaluated);
        Assert.Equal(new Dictionary<string, long> { ["platform-teams"] = 1, ["builders"] = 1 }, refresh.Members);
        Assert.Equal([ada], await Store.ListIcpMembersAsync(Workspace, "platform-teams", Token));
        Assert.Equal([ada], await Store.ListIcpMembersAsync(Workspace, "builders", Token));
        Assert.Equal(["platform-teams", "builders"], (await Store.GetIcpsAsync(Workspace, Token)).Definitions.Select(icp => icp.Name));

        var listed = await Store.ListMembersAsync(Workspace, new MemberQuery { Icp = "builders" }, Token);
        Assert.Equal([ada], listed.Members.Select(member => member.Id));
        var funnel = await Store.GetFunnelAsync(Workspace, DateRange.All, "platform-teams", Token);
        Assert.Equal([1L, 1, 1, 1, 0], funnel.Stages.Select(stage => stage.Developers));
        Assert.Equal([4L, 3, 2, 2, 0], (await Store.GetFunnelAsync(Workspace, DateRange.All, Token)).Stages.Select(stage => stage.Developers));

        // Re-derived on 2026-04-25, Ada's call is 36 days old: nobody is a builder any more.
        var later = await Store.RefreshIcpsAsync(Workspace, new DateTime(2026, 4, 25, 0, 0, 0, DateTimeKind.Utc), Token);
        Assert.Equal(0, later.Members["builders"]);
        Assert.Empty(await Store.ListIcpMembersAsync(Workspace, "builders", Token));
        Assert.Equal([ada], await Store.ListIcpMembersAsync(Workspace, "platform-teams", Token));
        var stored = await Store.GetIcpRefreshAsync(Workspace, Token);
        Assert.NotNull(stored);
        Assert.Equal(new DateTime(2026, 4, 25, 0, 0, 0, DateTimeKind.Utc), stored.AsOf);
        Assert.Equal(4, stored.MembersEvaluated);
    }

    [Fact]
    public async Task The_level_report_filtered_by_an_ICP_counts_only_its_members()
    {
        await IngestIcpTrafficAsync();
        var ada = (await FindExistingAsync("user:ada")).Id;
        await Store.SetIcpsAsync(Workspace, IcpSet.Parse(IcpFile), Token);
        await Store.RefreshCommunityAsync(Workspace, new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), Token);

        var everyone = await Store.GetLevelReportAsync(Workspace, 10, Token);
        var platform = await Store.GetLevelReportAsync(Workspace, 10, "platform-teams", Token);

        static long Total(LevelCounts counts) => counts.Passive + counts.Active + counts.Hero;
        Assert.Equal(4, Total(everyone.Current));
        Assert.Equal(1, Total(platform.Current));
        var adaLevel = (await Store.GetMemberLevelAsync(Workspace, ada, Token))!.Level;
        Assert.Equal(
            new LevelCounts(adaLevel == CommunityLevel.Passive ? 1 : 0, adaLevel == CommunityLevel.Active ? 1 : 0, adaLevel == CommunityLevel.Hero ? 1 : 0),
            platform.Current);
        Assert.Equal(1, Total(new LevelCounts(platform.Months[^1].Passive, platform.Months[^1].Active, platform.Months[^1].Hero)));
        Assert.All(platform.Months.SelectMany(month => month.Moved), move => Assert.Equal(ada, move.MemberId));
    }

    [Fact]
    public async Task Coverage_counts_members_by_stage_and_lists_the_content_tagged_for_each_ICP()
    {
        await IngestIcpTrafficAsync();
        await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.Talk, Title = "Runbooks as code", Tags = ["icp:platform-teams"] }, Token);
        await Store.AddContentAsync(Workspace, new ContentFields { Kind = ContentKind.BlogPost, Title = "API keys", Tags = ["builders", "api"] }, Token);
        await Store.SetIcpsAsync(Workspace, IcpSet.Parse(IcpFile), Token);

        var coverage = await Store.GetIcpCoverageAsync(Workspace, Token);

        var platform = coverage[0];
        Assert.Equal("platform-teams", platform.Name);
        Assert.Equal("SREs at companies of 200 or more", platform.Description);
        Assert.Equal(1, platform.Members);
        // Ada called the API: Build.
        Assert.Equal(1, platform.Stages[JourneyStage.Build]);
        Assert.Equal(0, platform.Stages[JourneyStage.Discover]);
        Assert.Equal(0, platform.WithoutStage);
        Assert.Equal(["Runbooks as code"], platform.Content.Select(item => item.Title));
        Assert.Equal(["API keys"], coverage[1].Content.Select(item => item.Title));
    }
}

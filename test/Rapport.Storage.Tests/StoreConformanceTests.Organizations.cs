using System.Text.Json;
using Rapport.Core.Identities;
using Rapport.Core.Journey;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task Organizations_come_from_the_company_trait_else_a_work_address_and_free_mail_names_none()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"1","userId":"ada","traits":{"company":"Analytical Engines","email":"ada@gmail.com"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"1b","userId":"ada","event":"API Called","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"identify","messageId":"2","userId":"charles","traits":{"company":"analytical  engines"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"track","messageId":"2b","userId":"charles","event":"Signed Up","timestamp":"2026-02-20T10:00:00Z"}""",
            """{"type":"identify","messageId":"3","userId":"mary","traits":{"company":"Analytical Engines"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"4","userId":"grace","traits":{"email":"grace@gmail.com"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"5","userId":"hopper","traits":{"email":"hopper@gmail.com"},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"6","userId":"hopper","traits":{"email":"hopper@navy.mil"},"timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"6b","userId":"hopper","timestamp":"2026-03-03T10:00:00Z"}""");

        var organizations = await Store.ListOrganizationsAsync(Workspace, Token);

        Assert.Equal(2, organizations.Count);
        var engines = organizations[0];
        Assert.Equal(("Analytical Engines", 3L, Utc(2, 20, 10)), (engines.Name, engines.Developers, engines.FirstSeen));
        Assert.Equal(
            new Dictionary<string, long> { ["discover"] = 0, ["evaluate"] = 1, ["learn"] = 0, ["build"] = 1, ["scale"] = 0 },
            engines.Stages.ToDictionary());
        Assert.Equal(("navy.mil", 1L, Utc(3, 3, 10)), (organizations[1].Name, organizations[1].Developers, organizations[1].FirstSeen));
        Assert.Equal(1, organizations[1].Stages["discover"]);
    }

    [Fact]
    public async Task Member_records_page_by_id_with_identities_latest_traits_tags_organization_and_stage()
    {
        await IngestAsync(
            """{"type":"identify","messageId":"1","userId":"ada","traits":{"name":"Ada","email":"ada@analytical.io","logins":3},"timestamp":"2026-03-01T10:00:00Z"}""",
            """{"type":"identify","messageId":"2","userId":"ada","traits":{"name":"Ada Lovelace"},"timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"track","messageId":"3","userId":"ada","event":"Signed Up","timestamp":"2026-03-02T10:00:00Z"}""",
            """{"type":"page","messageId":"4","anonymousId":"visitor","timestamp":"2026-03-02T10:00:00Z"}""");
        var ada = await FindExistingAsync("user:ada");
        await Store.SetMemberTagAsync(Workspace, ada.Id, "champion", tagged: true, Token);

        var first = await Store.ReadMemberRecordsAsync(Workspace, afterId: 0, limit: 1, Token);
        var second = await Store.ReadMemberRecordsAsync(Workspace, first[^1].Id, limit: 1, Token);
        var none = await Store.ReadMemberRecordsAsync(Workspace, second[^1].Id, limit: 1, Token);

        var record = Assert.Single(first);
        Assert.Equal(ada.Id, record.Id);
        Assert.Equal([Identity.Parse("user:ada"), Identity.Parse("email:ada@analytical.io")], record.Identities);
        Assert.Equal(["email", "logins", "name"], record.Traits.Keys);
        Assert.Equal("Ada Lovelace", record.Traits["name"].GetString());
        Assert.Equal(JsonValueKind.Number, record.Traits["logins"].ValueKind);
        Assert.Equal(["champion"], record.Tags);
        Assert.Equal(("analytical.io", JourneyStage.Evaluate), (record.Organization, record.Stage));
        Assert.Equal([Identity.Parse("anonymous:visitor")], Assert.Single(second).Identities);
        Assert.Empty(none);
        Assert.Equal(["email", "logins", "name"], await Store.ListTraitKeysAsync(Workspace, Token));
    }
}

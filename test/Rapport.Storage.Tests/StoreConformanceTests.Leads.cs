using System.Text.Json;
using Rapport.Core;
using Rapport.Core.Journey;
using Rapport.Core.Leads;
using Rapport.Core.Webhooks;

namespace Rapport.Storage.Tests;

public abstract partial class StoreConformanceTests
{
    /// <summary>
    /// Acme has exactly three developers at Build (one of them at Scale); Initech two at Build and one at Evaluate;
    /// Globex (a company trait) one at Scale; three free-mail developers at Build are no organization; Solo, on free
    /// mail, reached Scale alone.
    /// </summary>
    private static readonly string[] LeadTraffic =
    [
        .. Developer("acme-1", """{"name":"Ada","email":"ada@acme.io"}""", "API Called", "Plan Upgraded"),
        .. Developer("acme-2", """{"name":"Bob","email":"bob@acme.io"}""", "API Called"),
        .. Developer("acme-3", """{"name":"Cy","email":"cy@ACME.io"}""", "Project Created"),
        .. Developer("acme-4", """{"name":"Di","email":"di@acme.io"}""", "Signed Up"),
        .. Developer("initech-1", """{"name":"Ed","email":"ed@initech.io"}""", "API Called"),
        .. Developer("initech-2", """{"name":"Flo","email":"flo@initech.io"}""", "API Called"),
        .. Developer("initech-3", """{"name":"Gus","email":"gus@initech.io"}""", "Signed Up"),
        .. Developer("globex-1", """{"name":"Hal","email":"hal@gmail.com","company":"Globex"}""", "Production Deployed"),
        .. Developer("free-1", """{"name":"Ivy","email":"ivy@gmail.com"}""", "API Called"),
        .. Developer("free-2", """{"name":"Jo","email":"jo@outlook.com"}""", "API Called"),
        .. Developer("free-3", """{"name":"Kim","email":"kim@gmail.com"}""", "API Called"),
        .. Developer("solo", """{"name":"Lu","email":"lu@gmail.com"}""", "Plan Upgraded"),
    ];

    private static int _leadMessages;

    [Fact]
    public async Task Refreshing_leads_finds_organizations_with_three_at_build_or_one_at_scale_and_lone_developers_at_scale()
    {
        await IngestAsync(LeadTraffic);

        var result = await Store.RefreshLeadsAsync(Workspace, Token);

        Assert.Equal((3, 0), (result.Qualifying, result.Lapsed));
        Assert.Equal(
            [
                ("developer:user:solo", LeadKind.Developer, "Lu", "1 developer at scale (1 needed)"),
                ("organization:acme.io", LeadKind.Organization, "acme.io", "3 developers at build or beyond (3 needed); 1 developer at scale (1 needed)"),
                ("organization:globex", LeadKind.Organization, "Globex", "1 developer at scale (1 needed)"),
            ],
            result.Created.Select(lead => (lead.Key, lead.Kind, lead.Name, lead.Reason)).OrderBy(lead => lead.Key, StringComparer.Ordinal));
        var leads = await Store.ListLeadsAsync(Workspace, null, Token);
        Assert.Equal([3L, 2L, 1L], leads.Select(lead => lead.Id));
        var acme = leads.Single(lead => lead.Key == "organization:acme.io");
        Assert.Equal([("Ada", JourneyStage.Scale), ("Bob", JourneyStage.Build), ("Cy", JourneyStage.Build)], acme.Developers.Select(d => (d.Name, d.Stage)));
        Assert.Equal("email:ada@acme.io", acme.Developers[0].Identity);
        Assert.Equal(3, acme.DeveloperCount);
        Assert.All(leads, lead => Assert.Equal((LeadStatus.New, Clock.GetUtcNow().UtcDateTime, true), (lead.Status, lead.FirstQualifiedAt, lead.Qualifies)));
    }

    [Fact]
    public async Task A_fourth_developer_at_build_makes_an_organization_a_lead_and_a_second_refresh_changes_nothing()
    {
        await IngestAsync(LeadTraffic);
        await Store.RefreshLeadsAsync(Workspace, Token);

        var again = await Store.RefreshLeadsAsync(Workspace, Token);
        Assert.Equal((3, 0, 0), (again.Qualifying, again.Created.Count, again.Lapsed));

        await IngestAsync(Developer("initech-3", """{"name":"Gus"}""", "API Called"));
        var grown = await Store.RefreshLeadsAsync(Workspace, Token);

        var initech = Assert.Single(grown.Created);
        Assert.Equal((4L, "organization:initech.io", "3 developers at build or beyond (3 needed)"), (initech.Id, initech.Key, initech.Reason));
        Assert.Equal(["Ed", "Flo", "Gus"], initech.Developers.Select(d => d.Name));
        Assert.Equal(4, (await Store.ListLeadsAsync(Workspace, null, Token)).Count);
    }

    [Fact]
    public async Task New_leads_are_announced_once_with_drql_created_even_when_two_refreshes_run_at_once()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://sales.example.com/hook", ["drql.created"], WebhookFormat.Json, Token);
        await IngestAsync(LeadTraffic);

        await Task.WhenAll(Store.RefreshLeadsAsync(Workspace, Token), Store.RefreshLeadsAsync(Workspace, Token));
        await Store.RefreshLeadsAsync(Workspace, Token);

        Assert.Equal(3, (await Store.ListLeadsAsync(Workspace, null, Token)).Count);
        var deliveries = await Store.ListWebhookDeliveriesAsync(Workspace, null, 100, Token);
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, delivery => Assert.Equal("drql.created", delivery.Event));
        var claimed = await Store.ClaimWebhookDeliveriesAsync(10, TimeSpan.FromMinutes(1), Token);
        var acme = claimed.Single(delivery => delivery.Payload.Contains("organization:acme.io", StringComparison.Ordinal));
        Assert.StartsWith("{\"lead\":{\"id\":", acme.Payload, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"organization\",\"name\":\"acme.io\"", acme.Payload, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"new\"", acme.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("revenue", acme.Payload, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("New DevRel-qualified lead: acme.io — 3 developers at build or beyond", acme.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_that_stops_qualifying_is_kept_as_lapsed_and_qualifying_again_does_not_announce_it_again()
    {
        await Store.AddWebhookSubscriptionAsync(Workspace, "https://sales.example.com/hook", ["drql.created"], WebhookFormat.Json, Token);
        await IngestAsync(LeadTraffic);
        await Store.RefreshLeadsAsync(Workspace, Token);
        await Store.UpdateLeadStatusAsync(Workspace, 1, LeadStatus.HandedOff, "Sent to Sam", "devrel@example.com", Token);

        await Store.SetLeadCriteriaAsync(Workspace, new LeadCriteria([new LeadRule(4, JourneyStage.Build)]), Token);
        var stricter = await Store.RefreshLeadsAsync(Workspace, Token);
        Assert.Equal((0, 0, 3), (stricter.Qualifying, stricter.Created.Count, stricter.Lapsed));
        Assert.All(await Store.ListLeadsAsync(Workspace, null, Token), lead => Assert.Equal(Clock.GetUtcNow().UtcDateTime, lead.LapsedAt));

        Clock.Advance(TimeSpan.FromDays(1));
        await Store.SetLeadCriteriaAsync(Workspace, LeadCriteria.Default, Token);
        var back = await Store.RefreshLeadsAsync(Workspace, Token);

        Assert.Equal((3, 0, 0), (back.Qualifying, back.Created.Count, back.Lapsed));
        var leads = await Store.ListLeadsAsync(Workspace, null, Token);
        Assert.All(leads, lead => Assert.True(lead.Qualifies));
        Assert.Equal((LeadStatus.HandedOff, "Sent to Sam"), (leads.Single(lead => lead.Id == 1).Status, leads.Single(lead => lead.Id == 1).Note));
        Assert.Equal(3, (await Store.ListWebhookDeliveriesAsync(Workspace, null, 100, Token)).Count);
    }

    [Fact]
    public async Task A_status_change_keeps_its_note_author_and_time_and_the_list_filters_by_status()
    {
        await IngestAsync(LeadTraffic);
        await Store.RefreshLeadsAsync(Workspace, Token);
        var handedOffAt = Clock.GetUtcNow().UtcDateTime;

        var handedOff = await Store.UpdateLeadStatusAsync(Workspace, 2, LeadStatus.HandedOff, "  Intro to Sam in sales ", "ada@devrel.example", Token);
        Clock.Advance(TimeSpan.FromHours(3));
        var accepted = await Store.UpdateLeadStatusAsync(Workspace, 2, LeadStatus.Accepted, null, "sam@sales.example", Token);

        Assert.NotNull(handedOff);
        Assert.Equal((LeadStatus.HandedOff, "Intro to Sam in sales", "ada@devrel.example", (DateTime?)handedOffAt),
            (handedOff.Status, handedOff.Note, handedOff.StatusChangedBy, handedOff.StatusChangedAt));
        Assert.NotNull(accepted);
        Assert.Equal(
            [(LeadStatus.HandedOff, "Intro to Sam in sales", "ada@devrel.example", handedOffAt), (LeadStatus.Accepted, (string?)null, "sam@sales.example", handedOffAt.AddHours(3))],
            accepted.History.Select(change => (change.Status, change.Note, change.ChangedBy, change.ChangedAt)));
        Assert.Equal([2L], (await Store.ListLeadsAsync(Workspace, LeadStatus.Accepted, Token)).Select(lead => lead.Id));
        Assert.Equal([3L, 1L], (await Store.ListLeadsAsync(Workspace, LeadStatus.New, Token)).Select(lead => lead.Id));
        Assert.Null(await Store.UpdateLeadStatusAsync(Workspace, 99, LeadStatus.Rejected, null, "x@example.com", Token));
        var (reopened, workspace) = await ReopenAsync();
        Assert.Equal(JsonSerializer.Serialize(accepted, RapportJson.Options), JsonSerializer.Serialize(await reopened.GetLeadAsync(workspace, 2, Token), RapportJson.Options));
    }

    [Fact]
    public async Task Lead_criteria_are_kept_per_workspace_and_the_default_applies_until_set()
    {
        var other = await Store.GetOrCreateWorkspaceAsync("other", Token);
        var criteria = new LeadCriteria([new LeadRule(5, JourneyStage.Learn)], activeWithinDays: 30, developersWithoutOrganization: false);

        Assert.Equal(LeadCriteria.Default, await Store.GetLeadCriteriaAsync(Workspace, Token));
        await Store.SetLeadCriteriaAsync(Workspace, criteria, Token);

        Assert.Equal(criteria, await Store.GetLeadCriteriaAsync(Workspace, Token));
        Assert.Equal(LeadCriteria.Default, await Store.GetLeadCriteriaAsync(other, Token));
    }

    /// <summary>A developer identified with traits, then one activity per type, a day apart from March 1st.</summary>
    private static string[] Developer(string userId, string traits, params string[] activities)
    {
        var n = Interlocked.Increment(ref _leadMessages);
        return
        [
            $$"""{"type":"identify","messageId":"lead-{{n}}-id","userId":"{{userId}}","traits":{{traits}},"timestamp":"2026-03-01T09:00:00Z"}""",
            .. activities.Select((type, day) =>
                $$"""{"type":"track","messageId":"lead-{{n}}-{{day}}","userId":"{{userId}}","event":"{{type}}","timestamp":"2026-03-{{day + 2:00}}T10:00:00Z"}"""),
        ];
    }
}

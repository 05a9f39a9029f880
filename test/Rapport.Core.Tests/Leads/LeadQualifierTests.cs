using Rapport.Core.Journey;
using Rapport.Core.Leads;

namespace Rapport.Core.Tests.Leads;

public sealed class LeadQualifierTests
{
    private static readonly DateTime Now = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private static long _nextId;

    [Fact]
    public void Exactly_three_developers_at_build_make_an_organization_a_lead()
    {
        var leads = LeadQualifier.Qualify(LeadCriteria.Default,
            [At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Learn)], Now);

        var lead = Assert.Single(leads);
        Assert.Equal(("organization:acme.io", LeadKind.Organization, "acme.io", "3 developers at build or beyond (3 needed)"),
            (lead.Key, lead.Kind, lead.Name, lead.Reason));
        Assert.Equal(3, lead.Developers.Count);
        Assert.All(lead.Developers, developer => Assert.Equal(JourneyStage.Build, developer.Stage));
    }

    [Fact]
    public void Two_developers_at_build_and_others_before_it_do_not()
    {
        var leads = LeadQualifier.Qualify(LeadCriteria.Default,
            [At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Learn), At("acme.io", JourneyStage.Evaluate)], Now);

        Assert.Empty(leads);
    }

    [Fact]
    public void One_developer_at_scale_makes_their_organization_a_lead_and_counts_towards_build()
    {
        var leads = LeadQualifier.Qualify(LeadCriteria.Default,
            [At("Globex", JourneyStage.Scale), At("Globex", JourneyStage.Build), At("Globex", JourneyStage.Build), At("Globex", JourneyStage.Discover)], Now);

        var lead = Assert.Single(leads);
        Assert.Equal("3 developers at build or beyond (3 needed); 1 developer at scale (1 needed)", lead.Reason);
        Assert.Equal([JourneyStage.Scale, JourneyStage.Build, JourneyStage.Build], lead.Developers.Select(d => d.Stage));
    }

    [Fact]
    public void Developers_on_free_mail_are_not_one_organization_but_one_of_them_at_scale_is_a_lead_alone()
    {
        var gmail = new[] { "a@gmail.com", "b@gmail.com", "c@gmail.com", "d@outlook.com" }
            .Select(email => At(DeveloperOrganization.Of(null, [email]), JourneyStage.Build)).ToList();
        var atScale = At(DeveloperOrganization.Of(null, ["e@gmail.com"]), JourneyStage.Scale) with { Name = "Eve", AnchorIdentity = "github:eve" };

        var leads = LeadQualifier.Qualify(LeadCriteria.Default, [.. gmail, atScale], Now);

        var lead = Assert.Single(leads);
        Assert.Equal(("developer:github:eve", LeadKind.Developer, "Eve", "1 developer at scale (1 needed)"), (lead.Key, lead.Kind, lead.Name, lead.Reason));
        Assert.Equal([atScale.MemberId], lead.Developers.Select(d => d.MemberId));
    }

    [Fact]
    public void A_large_organization_lists_its_hundred_furthest_developers_and_counts_them_all()
    {
        List<LeadCandidate> developers =
        [
            .. Enumerable.Range(0, 140).Select(_ => At("acme.io", JourneyStage.Build)),
            .. Enumerable.Range(0, 10).Select(_ => At("acme.io", JourneyStage.Scale)),
            At("acme.io", JourneyStage.Learn),
        ];

        var lead = Assert.Single(LeadQualifier.Qualify(LeadCriteria.Default, developers, Now));

        Assert.Equal((150, 100), (lead.DeveloperCount, lead.Developers.Count));
        Assert.Equal(10, lead.Developers.TakeWhile(developer => developer.Stage == JourneyStage.Scale).Count());
        Assert.Equal("150 developers at build or beyond (3 needed); 10 developers at scale (1 needed)", lead.Reason);
    }

    [Fact]
    public void A_lone_developer_is_no_lead_when_the_criteria_say_so()
    {
        var criteria = new LeadCriteria(LeadCriteria.Default.Rules, developersWithoutOrganization: false);

        Assert.Empty(LeadQualifier.Qualify(criteria, [At(null, JourneyStage.Scale)], Now));
    }

    [Fact]
    public void Only_developers_active_within_the_window_count()
    {
        var criteria = new LeadCriteria(LeadCriteria.Default.Rules, activeWithinDays: 30);
        List<LeadCandidate> developers =
        [
            At("acme.io", JourneyStage.Build) with { LastActivity = Now.AddDays(-30) },
            At("acme.io", JourneyStage.Build) with { LastActivity = Now.AddDays(-1) },
            At("acme.io", JourneyStage.Build) with { LastActivity = Now.AddDays(-31) },
        ];

        Assert.Empty(LeadQualifier.Qualify(criteria, developers, Now));
        Assert.Single(LeadQualifier.Qualify(criteria, [.. developers, At("acme.io", JourneyStage.Build) with { LastActivity = Now }], Now));
        Assert.Single(LeadQualifier.Qualify(LeadCriteria.Default, developers, Now));
    }

    [Fact]
    public void Spellings_of_one_organization_are_one_lead_named_by_the_most_used_spelling_whatever_the_order()
    {
        List<LeadCandidate> developers =
        [
            At("ACME Corp", JourneyStage.Build), At("Acme Corp", JourneyStage.Build), At(" Acme Corp ", JourneyStage.Build), At("acme corp", JourneyStage.Build),
        ];

        var forwards = Assert.Single(LeadQualifier.Qualify(LeadCriteria.Default, developers, Now));
        var backwards = Assert.Single(LeadQualifier.Qualify(LeadCriteria.Default, Enumerable.Reverse(developers), Now));

        Assert.Equal(("organization:acme corp", "Acme Corp", "4 developers at build or beyond (3 needed)"), (forwards.Key, forwards.Name, forwards.Reason));
        Assert.Equal(forwards.Developers, backwards.Developers);
        Assert.Equal(forwards.Name, backwards.Name);
    }

    [Fact]
    public void A_rule_on_a_later_stage_counts_only_developers_there()
    {
        var criteria = new LeadCriteria([new LeadRule(2, JourneyStage.Scale), new LeadRule(5, JourneyStage.Learn)]);
        List<LeadCandidate> developers = [At("acme.io", JourneyStage.Scale), At("acme.io", JourneyStage.Build), At("acme.io", JourneyStage.Build)];

        Assert.Empty(LeadQualifier.Qualify(criteria, developers, Now));
        var lead = Assert.Single(LeadQualifier.Qualify(criteria, [.. developers, At("acme.io", JourneyStage.Scale)], Now));
        Assert.Equal("2 developers at scale (2 needed)", lead.Reason);
        Assert.Equal([JourneyStage.Scale, JourneyStage.Scale], lead.Developers.Select(d => d.Stage));
    }

    [Fact]
    public void A_developer_s_organization_is_the_company_trait_else_the_first_work_address()
    {
        Assert.Equal("Analytical Engines", DeveloperOrganization.Of(" Analytical Engines ", ["ada@acme.io"]));
        Assert.Equal("acme.io", DeveloperOrganization.Of(null, ["ada@gmail.com", "ada@Acme.IO"]));
        Assert.Equal("acme.io", DeveloperOrganization.Of("  ", ["ada@acme.io"]));
        Assert.Null(DeveloperOrganization.Of(null, ["ada@gmail.com", "not an address"]));
        Assert.Null(DeveloperOrganization.Of(null, []));
    }

    private static LeadCandidate At(string? organization, JourneyStage stage)
    {
        var id = Interlocked.Increment(ref _nextId);
        return new LeadCandidate(id, $"user:{id}", $"Developer {id}", $"user:{id}", organization, stage, Now.AddDays(-1));
    }
}

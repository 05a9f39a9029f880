using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

public sealed class GitHubNoreplyEmailTests
{
    [Theory]
    [InlineData("12345+OctoCat@users.noreply.github.com", "octocat")]
    [InlineData("octocat@users.noreply.github.com", "octocat")]
    [InlineData("583231+octocat@USERS.NOREPLY.GITHUB.COM", "octocat")]
    [InlineData("1+ada-lovelace@users.noreply.github.com", "ada-lovelace")]
    public void Noreply_address_names_the_github_login(string email, string expectedLogin)
    {
        var found = GitHubNoreplyEmail.TryGetLogin(email, out var login);

        Assert.True(found);
        Assert.Equal(expectedLogin, login);
    }

    [Theory]
    [InlineData("abc+x@users.noreply.github.com")]
    [InlineData("12a45+octocat@users.noreply.github.com")]
    [InlineData("+octocat@users.noreply.github.com")]
    [InlineData("12345+@users.noreply.github.com")]
    [InlineData("@users.noreply.github.com")]
    public void Malformed_noreply_address_names_no_login(string email)
    {
        var found = GitHubNoreplyEmail.TryGetLogin(email, out var login);

        Assert.False(found);
        Assert.Equal("", login);
    }

    [Theory]
    [InlineData("octocat@github.com")]
    [InlineData("12345+octocat@noreply.github.com")]
    [InlineData("octocat@users.noreply.github.com.example.org")]
    [InlineData("ada@example.com")]
    public void Addresses_on_other_domains_name_no_login(string email)
    {
        Assert.False(GitHubNoreplyEmail.TryGetLogin(email, out _));
    }
}

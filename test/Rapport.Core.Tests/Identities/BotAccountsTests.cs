using Rapport.Core.Identities;

namespace Rapport.Core.Tests.Identities;

public class BotAccountsTests
{
    [Theory]
    [InlineData("dependabot[bot]", true)]
    [InlineData("github-actions[bot]", true)]
    [InlineData("GitHub Actions", true)]
    [InlineData("renovate-bot", true)]
    [InlineData("web-flow", true)]
    [InlineData("octocat", false)]
    [InlineData("Abbot", false)]
    [InlineData("robotics-fan", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Names_and_logins_are_recognised_as_bots(string? name, bool expected) =>
        Assert.Equal(expected, BotAccounts.IsBotName(name));

    [Theory]
    [InlineData("49699333+dependabot[bot]@users.noreply.github.com", true)]
    [InlineData("noreply@github.com", true)]
    [InlineData("41898282+github-actions[bot]@users.noreply.github.com", true)]
    [InlineData("164054284+rootvector2@users.noreply.github.com", false)]
    [InlineData("timmywil@users.noreply.github.com", false)]
    [InlineData("dave@example.com", false)]
    public void Addresses_are_recognised_as_bots(string email, bool expected) =>
        Assert.Equal(expected, BotAccounts.IsBotEmail(email));
}

using System.Text.RegularExpressions;
using Rapport.Core.Reach;

namespace Rapport.Core.Tests.Reach;

/// <summary>The vendored bot lists against real user agents: their own crawler examples, and 10,000 real browsers.</summary>
public sealed class BotUserAgentsTests
{
    [Fact]
    public void Every_pattern_of_both_lists_compiles_in_dotnet()
    {
        var crawlers = BotUserAgentLists.Crawlers.Select(crawler => new Regex(crawler.Pattern, RegexOptions.CultureInvariant)).ToList();
        var isbot = BotUserAgentLists.IsBotPatterns.Select(pattern => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();

        Assert.Equal(1500, crawlers.Count);
        Assert.Equal(206, isbot.Count);
    }

    [Fact]
    public void All_2118_crawler_examples_are_bots()
    {
        var examples = BotUserAgentLists.Crawlers.SelectMany(crawler => crawler.Instances).ToList();

        var missed = examples.Where(example => !BotUserAgents.Default.IsBot(example)).ToList();

        Assert.Equal(2118, examples.Count);
        Assert.Empty(missed);
        TestContext.Current.SendDiagnosticMessage($"crawler examples: {examples.Count - missed.Count} of {examples.Count} classified as bots");
    }

    [Fact]
    public void None_of_10000_real_browser_user_agents_is_a_bot()
    {
        var browsers = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reach", "TestData", "browser-user-agents.txt"));

        var bots = browsers.Where(BotUserAgents.Default.IsBot).ToList();

        Assert.Equal(10_000, browsers.Length);
        Assert.Empty(bots);
        TestContext.Current.SendDiagnosticMessage($"browser user agents: {bots.Count} of {browsers.Length} classified as bots");
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true)]
    [InlineData("curl/8.5.0", true)]
    [InlineData("python-requests/2.31.0", true)]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", false)]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0", false)]
    public void Known_user_agents_are_classified(string? userAgent, bool bot) => Assert.Equal(bot, BotUserAgents.Default.IsBot(userAgent));

    [Fact]
    public void Patterns_with_look_arounds_are_matched_too()
    {
        // isbot's "(?<! cu)bots?(?:\b|_)" has a look-behind, which the linear-time automata cannot run.
        var bots = new BotUserAgents([], [@"(?<! cu)bots?(?:\b|_)"]);

        Assert.True(bots.IsBot("SomeBot/1.0"));
        Assert.False(bots.IsBot("Mozilla/5.0 cubot phone"));
    }
}

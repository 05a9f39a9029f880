using Rapport.Core.Community;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;

namespace Rapport.Core.Tests.Community;

public sealed class CommunityConfigTests
{
    [Fact]
    public void The_default_configuration_survives_a_round_trip_through_JSON()
    {
        var json = CommunityConfig.Default.ToJson();
        var parsed = CommunityConfig.Parse(json);

        Assert.Equal(json, parsed.ToJson());
        Assert.Contains("\"type\": \"Talk Given\"", json, StringComparison.Ordinal);
        Assert.Contains("\"stalled\": \"Hey {firstName}, I saw you were using {product} and then stopped at {stageAction}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Left_out_sections_keep_their_defaults()
    {
        var config = CommunityConfig.Parse(
            """
            {
              "levels": {"active": 5, "hero": 20, "weights": [{"type": "Talk Given", "weight": 10, "advocacy": true}]},
              "outreach": {"product": "Acme API", "templates": {"hero_quiet": "Hi {firstName}!"}, "stageActions": {"learn": "the tutorial"}}
            }
            """);

        Assert.Equal(90, config.Levels.HalfLifeDays);
        Assert.Equal(5, config.Levels.ActiveThreshold);
        Assert.Equal((10, true), config.Levels.WeightOf("Talk Given"));
        Assert.Equal((0, false), config.Levels.WeightOf("page"));
        Assert.Equal(3, config.MinActivities);
        Assert.Equal("Acme API", config.Outreach.Product);
        Assert.Equal("Hi {firstName}!", config.Outreach.Templates[OutreachReason.HeroQuiet].Text);
        Assert.Equal(OutreachRules.DefaultTemplates[OutreachReason.Stalled].Text, config.Outreach.Templates[OutreachReason.Stalled].Text);
        Assert.Equal("the tutorial", config.Outreach.StageActions[JourneyStage.Learn]);
        Assert.Equal("trying it out", config.Outreach.StageActions[JourneyStage.Evaluate]);
        Assert.Equal(21, config.StalledRule(new JourneyMap(new Dictionary<JourneyStage, IReadOnlyList<string>>(), stalledAfterDays: 21)).StalledAfterDays);
    }

    [Theory]
    [InlineData("""{"levels": {"halfLife": 30}}""", "not a community configuration: The JSON property 'halfLife' could not be mapped")]
    [InlineData("""{"levels": {"weights": [{"weight": 3}]}}""", "every entry of levels.weights needs a \"type\"")]
    [InlineData("""{"levels": {"weights": [{"type": "page", "weight": -1}]}}""", "the weight of \"page\" must be zero or more, not -1")]
    [InlineData("""{"outreach": {"templates": {"stuck": "Hi"}}}""", "outreach.templates has the unknown reason \"stuck\"")]
    [InlineData("""{"outreach": {"templates": {"stalled": "Hi {first}"}}}""", "the template \"Hi {first}\" has the unknown placeholder {first}")]
    [InlineData("""{"outreach": {"heroQuietDays": 0}}""", "outreach.heroQuietDays must be 1 or more, not 0")]
    [InlineData("""{"stalled": {"minActivities": 0}}""", "stalled.minActivities and stalled.windowDays must be 1 or more")]
    [InlineData("[1]", "not a community configuration:")]
    public void A_configuration_that_cannot_be_used_is_refused_with_the_reason(string json, string reason)
    {
        var refused = Assert.Throws<CommunityConfigException>(() => CommunityConfig.Parse(json));

        Assert.StartsWith(reason, refused.Message, StringComparison.Ordinal);
    }
}

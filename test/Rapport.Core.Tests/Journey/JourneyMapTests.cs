using Rapport.Core.Journey;

namespace Rapport.Core.Tests.Journey;

public sealed class JourneyMapTests
{
    [Theory]
    [InlineData("page", JourneyStage.Discover)]
    [InlineData("screen", JourneyStage.Discover)]
    [InlineData("github.star", JourneyStage.Discover)]
    [InlineData("Signed Up", JourneyStage.Evaluate)]
    [InlineData("docs.search", JourneyStage.Evaluate)]
    [InlineData("SDK Installed", JourneyStage.Learn)]
    [InlineData("api.request", JourneyStage.Build)]
    [InlineData("github.pull_request.opened", JourneyStage.Build)]
    [InlineData("Plan Upgraded", JourneyStage.Scale)]
    public void Default_map_places_common_activity_types(string activityType, JourneyStage expected)
    {
        Assert.Equal(expected, JourneyMap.Default.StageOf(activityType));
    }

    [Fact]
    public void Default_map_has_every_stage_and_stalls_after_fourteen_days()
    {
        Assert.Equal(JourneyStages.All, JourneyMap.Default.Stages.Keys.Order());
        Assert.Equal(14, JourneyMap.Default.StalledAfterDays);
        Assert.Contains("api.*", JourneyMap.Default.Stages[JourneyStage.Build]);
    }

    [Fact]
    public void Exact_name_beats_a_wildcard_even_at_a_lower_stage()
    {
        var map = Map((JourneyStage.Discover, ["docs.changelog"]), (JourneyStage.Learn, ["docs.*"]));

        Assert.Equal(JourneyStage.Discover, map.StageOf("docs.changelog"));
        Assert.Equal(JourneyStage.Learn, map.StageOf("docs.quickstart"));
    }

    [Fact]
    public void Highest_stage_wins_among_exact_names()
    {
        var map = Map((JourneyStage.Discover, ["Video Watched"]), (JourneyStage.Learn, ["video watched"]));

        Assert.Equal(JourneyStage.Learn, map.StageOf("Video Watched"));
    }

    [Fact]
    public void Highest_stage_wins_among_wildcards()
    {
        var map = Map((JourneyStage.Build, ["github.pull_request.*"]), (JourneyStage.Evaluate, ["github.*"]));

        Assert.Equal(JourneyStage.Build, map.StageOf("github.pull_request.merged"));
        Assert.Equal(JourneyStage.Evaluate, map.StageOf("github.fork"));
    }

    [Theory]
    [InlineData("SIGNED UP", JourneyStage.Evaluate)]
    [InlineData("signed up", JourneyStage.Evaluate)]
    [InlineData("API.Request", JourneyStage.Build)]
    [InlineData("Page", JourneyStage.Discover)]
    public void Matching_ignores_case(string activityType, JourneyStage expected)
    {
        Assert.Equal(expected, JourneyMap.Default.StageOf(activityType));
    }

    [Theory]
    [InlineData("Lunch Eaten")]
    [InlineData("Signed Up Twice")]
    [InlineData("apis.request")]
    public void Unmatched_activity_type_maps_to_no_stage(string activityType)
    {
        Assert.Null(JourneyMap.Default.StageOf(activityType));
    }

    [Fact]
    public void Parse_reads_stages_and_stalled_days()
    {
        var map = JourneyMap.Parse("""
            {
              "stages": {
                "discover": ["page", " link.* "],
                "Build": ["api.*"]
              },
              "stalledAfterDays": 30
            }
            """);

        Assert.Equal(["page", "link.*"], map.Stages[JourneyStage.Discover]);
        Assert.Equal(["api.*"], map.Stages[JourneyStage.Build]);
        Assert.Empty(map.Stages[JourneyStage.Scale]);
        Assert.Equal(30, map.StalledAfterDays);
        Assert.Equal(JourneyStage.Discover, map.StageOf("link.click"));
        Assert.Null(map.StageOf("Signed Up"));
    }

    [Fact]
    public void Parse_without_stalled_days_uses_the_default()
    {
        var map = JourneyMap.Parse("""{"stages": {}}""");

        Assert.Equal(JourneyMap.DefaultStalledAfterDays, map.StalledAfterDays);
        Assert.All(map.Stages.Values, patterns => Assert.Empty(patterns));
    }

    [Fact]
    public void Parse_rejects_invalid_json()
    {
        var exception = Assert.Throws<JourneyMapException>(() => JourneyMap.Parse("""{"stages": {"discover": ["page",]}"""));

        Assert.StartsWith("not valid JSON: ", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"stages": {"adopt": ["x"]}}""",
        "unknown stage \"adopt\"; the stages are discover, evaluate, learn, build, scale")]
    [InlineData("""{"stages": {}, "stalledAfter": 3}""",
        "unknown property \"stalledAfter\"; a journey map has \"stages\" and \"stalledAfterDays\"")]
    [InlineData("""{"stages": {"build": ["api.*", 42]}}""",
        "stage \"build\" has an entry that is not a non-empty string")]
    [InlineData("""{"stages": {"build": ["  "]}}""",
        "stage \"build\" has an entry that is not a non-empty string")]
    [InlineData("""{"stages": {}, "stalledAfterDays": 0}""",
        "stalledAfterDays must be a positive number of days, not 0")]
    [InlineData("""{"stages": {}, "stalledAfterDays": -7}""",
        "stalledAfterDays must be a positive number of days, not -7")]
    [InlineData("""{"stages": {}, "stalledAfterDays": "14"}""",
        "stalledAfterDays must be a whole number of days")]
    [InlineData("""{"stages": {}, "stalledAfterDays": 1.5}""",
        "stalledAfterDays must be a whole number of days")]
    [InlineData("""{"stalledAfterDays": 7}""",
        "the journey map has no \"stages\"")]
    [InlineData("""["page"]""",
        "the journey map must be a JSON object with \"stages\"")]
    [InlineData("""{"stages": ["page"]}""",
        "\"stages\" must be an object from stage name to a list of activity types")]
    [InlineData("""{"stages": {"learn": "Tutorial Started"}}""",
        "stage \"learn\" must be a list of activity types")]
    public void Parse_names_the_problem(string json, string expectedMessage)
    {
        var exception = Assert.Throws<JourneyMapException>(() => JourneyMap.Parse(json));

        Assert.Equal(expectedMessage, exception.Message);
    }

    [Fact]
    public void Default_map_survives_a_json_round_trip()
    {
        var parsed = JourneyMap.Parse(JourneyMap.Default.ToJson());

        Assert.Equal(JourneyMap.Default.StalledAfterDays, parsed.StalledAfterDays);
        foreach (var stage in JourneyStages.All)
        {
            Assert.Equal(JourneyMap.Default.Stages[stage], parsed.Stages[stage]);
        }
    }

    [Fact]
    public void ToJson_writes_lower_case_stage_names_and_stalled_days()
    {
        var map = Map((JourneyStage.Learn, ["Tutorial Started"]));
        var custom = new JourneyMap(map.Stages, stalledAfterDays: 21);

        var json = custom.ToJson();
        var parsed = JourneyMap.Parse(json);

        Assert.Contains("\"learn\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"stalledAfterDays\": 21", json, StringComparison.Ordinal);
        Assert.Equal(["Tutorial Started"], parsed.Stages[JourneyStage.Learn]);
        Assert.Empty(parsed.Stages[JourneyStage.Discover]);
        Assert.Equal(21, parsed.StalledAfterDays);
    }

    private static JourneyMap Map(params (JourneyStage Stage, string[] Patterns)[] stages) =>
        new(stages.ToDictionary(entry => entry.Stage, entry => (IReadOnlyList<string>)entry.Patterns));
}

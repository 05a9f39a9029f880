using Rapport.Core.Community;

namespace Rapport.Core.Tests.Community;

public sealed class LevelRulesTests
{
    private static readonly DateTime AsOf = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_activity_counts_half_after_one_half_life_and_a_quarter_after_two()
    {
        var rules = LevelRules.Default;

        Assert.Equal(30, rules.Score([("Talk Given", AsOf)], AsOf), 9);
        Assert.Equal(15, rules.Score([("Talk Given", AsOf.AddDays(-90))], AsOf), 9);
        Assert.Equal(7.5, rules.Score([("Talk Given", AsOf.AddDays(-180))], AsOf), 9);
    }

    [Fact]
    public void Activities_after_the_as_of_time_do_not_count_yet()
    {
        Assert.Equal(3, LevelRules.Default.Score([("question.asked", AsOf), ("question.asked", AsOf.AddSeconds(1))], AsOf), 9);
    }

    [Fact]
    public void Levels_start_exactly_at_their_thresholds()
    {
        var rules = LevelRules.Default;

        Assert.Equal(CommunityLevel.Passive, rules.LevelOf(0));
        Assert.Equal(CommunityLevel.Passive, rules.LevelOf(9.999));
        Assert.Equal(CommunityLevel.Active, rules.LevelOf(10));
        Assert.Equal(CommunityLevel.Active, rules.LevelOf(59.999));
        Assert.Equal(CommunityLevel.Hero, rules.LevelOf(60));
    }

    [Fact]
    public void Two_talks_today_make_a_hero_and_decay_makes_them_active_again()
    {
        var rules = LevelRules.Default;
        (string, DateTime)[] talks = [("Talk Given", AsOf), ("Talk Given", AsOf)];

        Assert.Equal(CommunityLevel.Hero, rules.LevelOf(rules.Score(talks, AsOf)));
        Assert.Equal(CommunityLevel.Active, rules.LevelOf(rules.Score(talks, AsOf.AddDays(1))));
        // 60 · 2^(-d/90) < 10 from d = 90 · log2(6) ≈ 232.6 days.
        Assert.Equal(CommunityLevel.Active, rules.LevelOf(rules.Score(talks, AsOf.AddDays(232))));
        Assert.Equal(CommunityLevel.Passive, rules.LevelOf(rules.Score(talks, AsOf.AddDays(233))));
    }

    [Fact]
    public void Exact_names_win_over_patterns_and_the_longest_pattern_wins_among_patterns()
    {
        var rules = new LevelRules(
            [new("github.*", 1), new("github.pull_request.*", 6), new("github.pull_request.merged", 9, advocacy: true), new("*", 0.5)],
            halfLifeDays: 90, activeThreshold: 10, heroThreshold: 60);

        Assert.Equal((9, true), rules.WeightOf("github.pull_request.merged"));
        Assert.Equal((9, true), rules.WeightOf("GitHub.Pull_Request.Merged"));
        Assert.Equal((6, false), rules.WeightOf("github.pull_request.opened"));
        Assert.Equal((1, false), rules.WeightOf("github.star"));
        Assert.Equal((0.5, false), rules.WeightOf("Signed Up"));
    }

    [Fact]
    public void A_type_no_rule_matches_is_worth_nothing()
    {
        var rules = new LevelRules([new("Talk Given", 30, advocacy: true)], 90, 10, 60);

        Assert.Equal((0, false), rules.WeightOf("page"));
    }

    [Fact]
    public void Advocacy_is_weighted_highest_by_default()
    {
        var rules = LevelRules.Default;
        var advocacy = rules.Weights.Where(weight => weight.Advocacy).Min(weight => weight.Weight);
        var other = rules.Weights.Where(weight => !weight.Advocacy).Max(weight => weight.Weight);

        Assert.Equal(15, advocacy);
        Assert.Equal(10, other);
    }

    [Theory]
    [InlineData(0, 10, 60, "halfLifeDays must be a positive number of days, not 0")]
    [InlineData(90, 10, 10, "the thresholds must satisfy 0 < active < hero, not active 10 and hero 10")]
    [InlineData(90, 0, 60, "the thresholds must satisfy 0 < active < hero, not active 0 and hero 60")]
    public void Rules_that_cannot_order_levels_are_refused(double halfLife, double active, double hero, string reason)
    {
        var refused = Assert.Throws<CommunityConfigException>(() => new LevelRules([], halfLife, active, hero));

        Assert.Equal(reason, refused.Message);
    }
}

using System.Collections.Concurrent;

namespace Rapport.Core.Community;

/// <summary>
/// How a developer's community level is earned: every counted activity is worth its type's weight, halved for every
/// <see cref="HalfLifeDays"/> since it happened, and the sum (the score) is compared with absolute thresholds. A
/// member's level depends on their own activities only, never on how other members do.
/// </summary>
/// <remarks>
/// An exact type name wins over wildcard patterns; among wildcards the longest (most specific) pattern wins, and
/// among equally long ones the first listed. A type that matches nothing is worth 0 but still makes its developer a
/// passive member.
/// </remarks>
public sealed class LevelRules
{
    private readonly ConcurrentDictionary<string, (double Weight, bool Advocacy)> _cache = new(StringComparer.Ordinal);

    public LevelRules(IReadOnlyList<ActivityWeight> weights, double halfLifeDays, double activeThreshold, double heroThreshold)
    {
        if (!(halfLifeDays > 0))
        {
            throw new CommunityConfigException($"halfLifeDays must be a positive number of days, not {halfLifeDays}");
        }

        if (!(activeThreshold > 0) || !(heroThreshold > activeThreshold))
        {
            throw new CommunityConfigException(
                $"the thresholds must satisfy 0 < active < hero, not active {activeThreshold} and hero {heroThreshold}");
        }

        foreach (var weight in weights)
        {
            if (!double.IsFinite(weight.Weight) || weight.Weight < 0)
            {
                throw new CommunityConfigException($"the weight of \"{weight.Pattern}\" must be zero or more, not {weight.Weight}");
            }
        }

        Weights = [.. weights];
        HalfLifeDays = halfLifeDays;
        ActiveThreshold = activeThreshold;
        HeroThreshold = heroThreshold;
    }

    public IReadOnlyList<ActivityWeight> Weights { get; }

    /// <summary>Days after which an activity counts half as much; after twice as long, a quarter.</summary>
    public double HalfLifeDays { get; }

    /// <summary>The score from which a member is active.</summary>
    public double ActiveThreshold { get; }

    /// <summary>The score from which a member is a hero.</summary>
    public double HeroThreshold { get; }

    /// <summary>What the rules are until a workspace sets its own; documented in docs/community.md.</summary>
    public static LevelRules Default { get; } = new(
    [
        // Advocacy: developers who speak, write and organise for the product. Weighted highest.
        new("Talk Given", 30, advocacy: true),
        new("Workshop Given", 30, advocacy: true),
        new("User Group Organized", 30, advocacy: true),
        new("Meetup Organized", 30, advocacy: true),
        new("Blog Post Published", 20, advocacy: true),
        new("Video Published", 20, advocacy: true),
        new("Sample Published", 15, advocacy: true),
        new("Podcast Appearance", 15, advocacy: true),
        new("advocacy.*", 20, advocacy: true),

        // Helping other developers.
        new("question.answered", 8),
        new("Question Answered", 8),
        new("answer.accepted", 10),
        new("github.discussion.answered", 8),

        // Contributing.
        new("github.pull_request.*", 6),
        new("github.pull_request_review.*", 5),
        new("github.pull_request_review_comment.*", 3),
        new("github.issues.*", 4),
        new("github.issue_comment.*", 2),
        new("github.discussion.*", 3),
        new("github.discussion_comment.*", 2),
        new("github.commit_comment.*", 2),
        new("git.commit", 2),
        new("github.push.commit", 2),

        // Asking, taking part, building.
        new("Question Asked", 3),
        new("question.asked", 3),
        new("comment.posted", 1),
        new("Workshop Attended", 3),
        new("Talk Attended", 2),
        new("event.attended", 2),
        new("Tutorial Completed", 2),
        new("Production Deployed", 5),
        new("App Deployed", 3),
        new("Project Created", 2),
        new("Signed Up", 2),
        new("github.fork", 2),
        new("github.star", 1),

        // Reading and calling: a little, so that readers are passive members and heavy API use does not make a hero.
        new("API Called", 0.05),
        new("api.*", 0.05),
        new("Docs Viewed", 0.2),
        new("docs.*", 0.2),
        new("Post Viewed", 0.2),
        new("Video Watched", 0.3),
        new("page", 0.1),
        new("*", 0.1),
    ], halfLifeDays: 90, activeThreshold: 10, heroThreshold: 60);

    /// <summary>The weight of an activity type, and whether it is advocacy.</summary>
    public (double Weight, bool Advocacy) WeightOf(string activityType) => _cache.GetOrAdd(activityType, Resolve, Weights);

    /// <summary>How much an activity <paramref name="age"/> old still counts: 1 when new, ½ after one half-life.</summary>
    public double Decay(TimeSpan age) => Math.Pow(0.5, Math.Max(0, age.TotalDays) / HalfLifeDays);

    public CommunityLevel LevelOf(double score) =>
        score >= HeroThreshold ? CommunityLevel.Hero : score >= ActiveThreshold ? CommunityLevel.Active : CommunityLevel.Passive;

    /// <summary>
    /// The reference computation of a score: the stores compute the same sum in SQL. Activities after
    /// <paramref name="asOf"/> do not count yet.
    /// </summary>
    public double Score(IEnumerable<(string Type, DateTime At)> activities, DateTime asOf) =>
        activities.Where(activity => activity.At <= asOf).Sum(activity => WeightOf(activity.Type).Weight * Decay(asOf - activity.At));

    private static (double, bool) Resolve(string activityType, IReadOnlyList<ActivityWeight> weights)
    {
        ActivityWeight? wildcard = null;
        foreach (var weight in weights)
        {
            if (!weight.Pattern.Matches(activityType))
            {
                continue;
            }

            if (!weight.Pattern.IsWildcard)
            {
                return (weight.Weight, weight.Advocacy);
            }

            if (wildcard is null || weight.Pattern.Text.Length > wildcard.Pattern.Text.Length)
            {
                wildcard = weight;
            }
        }

        return wildcard is null ? (0, false) : (wildcard.Weight, wildcard.Advocacy);
    }
}

using System.Collections.Concurrent;
using System.Text.Json;

namespace Rapport.Core.Journey;

/// <summary>
/// Rules from activity type to journey stage. Exact names take precedence over wildcard patterns; among
/// several matches of the same kind the highest stage wins. Types that match nothing are kept but move nobody.
/// </summary>
public sealed class JourneyMap
{
    /// <summary>Days without activity after which a developer below Scale counts as stalled.</summary>
    public const int DefaultStalledAfterDays = 14;

    private readonly IReadOnlyList<(JourneyStage Stage, ActivityTypePattern Pattern)> _rules;
    private readonly ConcurrentDictionary<string, JourneyStage?> _cache = new(StringComparer.Ordinal);

    public JourneyMap(IReadOnlyDictionary<JourneyStage, IReadOnlyList<string>> stages, int stalledAfterDays = DefaultStalledAfterDays)
    {
        if (stalledAfterDays <= 0)
        {
            throw new JourneyMapException($"stalledAfterDays must be a positive number of days, not {stalledAfterDays}");
        }

        Stages = JourneyStages.All.ToDictionary(
            stage => stage,
            stage => (IReadOnlyList<string>)(stages.TryGetValue(stage, out var patterns) ? [.. patterns] : []));
        StalledAfterDays = stalledAfterDays;
        _rules = [.. Stages.SelectMany(pair => pair.Value.Select(pattern => (pair.Key, new ActivityTypePattern(pattern))))];
    }

    public IReadOnlyDictionary<JourneyStage, IReadOnlyList<string>> Stages { get; }

    public int StalledAfterDays { get; }

    /// <summary>The map used until a workspace sets its own; documented in docs/journey.md.</summary>
    public static JourneyMap Default { get; } = new(
        new Dictionary<JourneyStage, IReadOnlyList<string>>
        {
            [JourneyStage.Discover] =
            [
                "page", "screen", "link.click", "Post Viewed", "Video Watched", "Podcast Played",
                "Newsletter Subscribed", "event.registered", "event.attended", "Talk Attended", "github.star", "github.watch",
            ],
            [JourneyStage.Evaluate] =
            [
                "Signed Up", "Account Created", "Trial Started", "Docs Viewed", "docs.*", "Pricing Viewed",
                "Sample Downloaded", "github.fork",
            ],
            [JourneyStage.Learn] =
            [
                "Tutorial Started", "Tutorial Completed", "Quickstart Completed", "Workshop Attended",
                "SDK Installed", "CLI Installed", "Question Asked", "question.asked", "github.issue_comment.*",
                "github.discussion.*", "github.discussion_comment.*",
            ],
            [JourneyStage.Build] =
            [
                "API Called", "api.*", "Project Created", "App Deployed", "Integration Connected",
                "git.commit", "github.issues.*", "github.pull_request.*", "github.pull_request_review.*",
                "github.pull_request_review_comment.*", "github.commit_comment.*", "github.push.commit",
            ],
            [JourneyStage.Scale] =
            [
                "Plan Upgraded", "Subscription Started", "Production Deployed", "Team Member Invited",
                "Usage Threshold Reached",

                // Answering other developers' questions is advocacy: the developer now helps others succeed.
                "question.answered", "answer.accepted",
            ],
        });

    /// <summary>The stage an activity type maps to, or <c>null</c> when no rule matches.</summary>
    public JourneyStage? StageOf(string activityType) => _cache.GetOrAdd(activityType, Resolve, _rules);

    /// <summary>
    /// Reads the JSON form <c>{"stages": {"discover": ["page", "link.*"], …}, "stalledAfterDays": 14}</c>.
    /// Throws <see cref="JourneyMapException"/> naming what is wrong.
    /// </summary>
    public static JourneyMap Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new JourneyMapException($"not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new JourneyMapException("the journey map must be a JSON object with \"stages\"");
            }

            var stages = new Dictionary<JourneyStage, IReadOnlyList<string>>();
            var stalledAfterDays = DefaultStalledAfterDays;
            var sawStages = false;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "stages":
                        sawStages = true;
                        ReadStages(property.Value, stages);
                        break;
                    case "stalledAfterDays":
                        if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out stalledAfterDays))
                        {
                            throw new JourneyMapException("stalledAfterDays must be a whole number of days");
                        }

                        break;
                    default:
                        throw new JourneyMapException(
                            $"unknown property \"{property.Name}\"; a journey map has \"stages\" and \"stalledAfterDays\"");
                }
            }

            if (!sawStages)
            {
                throw new JourneyMapException("the journey map has no \"stages\"");
            }

            return new JourneyMap(stages, stalledAfterDays);
        }
    }

    public string ToJson()
    {
        var stages = Stages.ToDictionary(pair => JourneyStages.Name(pair.Key), pair => pair.Value);
        return JsonSerializer.Serialize(
            new JourneyMapDocument(stages, StalledAfterDays), RapportJson.Indented);
    }

    private static void ReadStages(JsonElement element, Dictionary<JourneyStage, IReadOnlyList<string>> stages)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JourneyMapException("\"stages\" must be an object from stage name to a list of activity types");
        }

        foreach (var stageProperty in element.EnumerateObject())
        {
            if (!JourneyStages.TryParse(stageProperty.Name, out var stage))
            {
                throw new JourneyMapException(
                    $"unknown stage \"{stageProperty.Name}\"; the stages are discover, evaluate, learn, build, scale");
            }

            if (stageProperty.Value.ValueKind != JsonValueKind.Array)
            {
                throw new JourneyMapException($"stage \"{stageProperty.Name}\" must be a list of activity types");
            }

            var patterns = new List<string>();
            foreach (var item in stageProperty.Value.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new JourneyMapException($"stage \"{stageProperty.Name}\" has an entry that is not a non-empty string");
                }

                patterns.Add(text.Trim());
            }

            stages[stage.Value] = patterns;
        }
    }

    private static JourneyStage? Resolve(string activityType, IReadOnlyList<(JourneyStage Stage, ActivityTypePattern Pattern)> rules)
    {
        JourneyStage? exact = null;
        JourneyStage? wildcard = null;
        foreach (var (stage, pattern) in rules)
        {
            if (!pattern.Matches(activityType))
            {
                continue;
            }

            ref var best = ref pattern.IsWildcard ? ref wildcard : ref exact;
            if (best is null || stage > best)
            {
                best = stage;
            }
        }

        return exact ?? wildcard;
    }

    private sealed record JourneyMapDocument(Dictionary<string, IReadOnlyList<string>> Stages, int StalledAfterDays);
}

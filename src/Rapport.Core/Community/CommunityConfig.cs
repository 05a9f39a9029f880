using System.Text.Json;
using System.Text.Json.Serialization;
using Rapport.Core.Journey;
using Rapport.Core.Outreach;

namespace Rapport.Core.Community;

/// <summary>
/// A workspace's community rules: level weights and thresholds, the stalled rule (its quiet period comes from the
/// journey map) and the outreach rules with their message templates. Read from and written as JSON
/// (docs/community.md); a section or property left out keeps its default.
/// </summary>
public sealed record CommunityConfig(LevelRules Levels, int MinActivities, int WindowDays, OutreachRules Outreach)
{
    public static CommunityConfig Default { get; } =
        new(LevelRules.Default, StalledDeveloperRule.DefaultMinActivities, StalledDeveloperRule.DefaultWindowDays, new OutreachRules());

    public StalledDeveloperRule StalledRule(JourneyMap journey) => new(MinActivities, WindowDays, journey.StalledAfterDays);

    public static CommunityConfig Parse(string json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new CommunityConfigException($"not a community configuration: {e.Message}", e.LineNumber + 1);
        }

        if (document is null)
        {
            throw new CommunityConfigException("the community configuration must be a JSON object");
        }

        var defaults = Default;
        var levels = document.Levels;
        var levelRules = levels is null
            ? defaults.Levels
            : new LevelRules(
                levels.Weights?.Select(ReadWeight).ToList() ?? defaults.Levels.Weights,
                levels.HalfLifeDays ?? defaults.Levels.HalfLifeDays,
                levels.Active ?? defaults.Levels.ActiveThreshold,
                levels.Hero ?? defaults.Levels.HeroThreshold);

        var minActivities = document.Stalled?.MinActivities ?? defaults.MinActivities;
        var windowDays = document.Stalled?.WindowDays ?? defaults.WindowDays;
        if (minActivities < 1 || windowDays < 1)
        {
            throw new CommunityConfigException("stalled.minActivities and stalled.windowDays must be 1 or more");
        }

        return new CommunityConfig(levelRules, minActivities, windowDays, ReadOutreach(document.Outreach, defaults.Outreach));
    }

    public string ToJson()
    {
        var document = new Document(
            new LevelsDocument(
                Levels.HalfLifeDays, Levels.ActiveThreshold, Levels.HeroThreshold,
                [.. Levels.Weights.Select(weight => new WeightDocument(weight.Pattern.Text, weight.Weight, weight.Advocacy ? true : null))]),
            new StalledDocument(MinActivities, WindowDays),
            new OutreachDocument(
                Outreach.Product,
                [.. Outreach.QuestionTypes.Select(pattern => pattern.Text)],
                Outreach.UnansweredAfterHours,
                Outreach.UnansweredWithinDays,
                Outreach.HeroQuietDays,
                Outreach.CandidateDays,
                Outreach.CandidateAdvocacy,
                Outreach.StageActions.OrderBy(pair => pair.Key).ToDictionary(pair => JourneyStages.Name(pair.Key), pair => pair.Value),
                Outreach.Templates.OrderBy(pair => pair.Key).ToDictionary(pair => OutreachReasons.Name(pair.Key), pair => pair.Value.Text)));
        return JsonSerializer.Serialize(document, WriteOptions);
    }

    private static ActivityWeight ReadWeight(WeightDocument weight)
    {
        if (string.IsNullOrWhiteSpace(weight.Type))
        {
            throw new CommunityConfigException("every entry of levels.weights needs a \"type\" (an activity type or pattern)");
        }

        return new ActivityWeight(weight.Type, weight.Weight ?? throw new CommunityConfigException($"the weight of \"{weight.Type}\" is missing"),
            weight.Advocacy ?? false);
    }

    private static OutreachRules ReadOutreach(OutreachDocument? outreach, OutreachRules defaults)
    {
        if (outreach is null)
        {
            return defaults;
        }

        int Positive(int? value, int fallback, string name) =>
            value is null ? fallback : value > 0 ? value.Value : throw new CommunityConfigException($"outreach.{name} must be 1 or more, not {value}");

        var stageActions = new Dictionary<JourneyStage, string>(defaults.StageActions);
        foreach (var (name, action) in outreach.StageActions ?? [])
        {
            stageActions[JourneyStages.TryParse(name, out var stage)
                ? stage.Value
                : throw new CommunityConfigException($"outreach.stageActions has the unknown stage \"{name}\"")] = action;
        }

        var templates = new Dictionary<OutreachReason, MessageTemplate>(defaults.Templates);
        foreach (var (name, text) in outreach.Templates ?? [])
        {
            if (!OutreachReasons.TryParse(name, out var reason))
            {
                throw new CommunityConfigException(
                    $"outreach.templates has the unknown reason \"{name}\"; the reasons are {string.Join(", ", OutreachReasons.All.Select(OutreachReasons.Name))}");
            }

            templates[reason.Value] = new MessageTemplate(string.IsNullOrWhiteSpace(text)
                ? throw new CommunityConfigException($"the template for {name} is empty")
                : text);
        }

        return new OutreachRules
        {
            Product = string.IsNullOrWhiteSpace(outreach.Product) ? defaults.Product : outreach.Product.Trim(),
            QuestionTypes = outreach.QuestionTypes is { } types
                ? [.. types.Select(type => string.IsNullOrWhiteSpace(type)
                    ? throw new CommunityConfigException("outreach.questionTypes has an empty entry")
                    : new ActivityTypePattern(type))]
                : defaults.QuestionTypes,
            UnansweredAfterHours = Positive(outreach.UnansweredAfterHours, defaults.UnansweredAfterHours, "unansweredAfterHours"),
            UnansweredWithinDays = Positive(outreach.UnansweredWithinDays, defaults.UnansweredWithinDays, "unansweredWithinDays"),
            HeroQuietDays = Positive(outreach.HeroQuietDays, defaults.HeroQuietDays, "heroQuietDays"),
            CandidateDays = Positive(outreach.CandidateDays, defaults.CandidateDays, "candidateDays"),
            CandidateAdvocacy = Positive(outreach.CandidateAdvocacy, defaults.CandidateAdvocacy, "candidateAdvocacy"),
            StageActions = stageActions,
            Templates = templates,
        };
    }

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed record Document(LevelsDocument? Levels, StalledDocument? Stalled, OutreachDocument? Outreach);

    private sealed record LevelsDocument(double? HalfLifeDays, double? Active, double? Hero, IReadOnlyList<WeightDocument>? Weights);

    private sealed record WeightDocument(string? Type, double? Weight, bool? Advocacy);

    private sealed record StalledDocument(int? MinActivities, int? WindowDays);

    private sealed record OutreachDocument(
        string? Product,
        IReadOnlyList<string>? QuestionTypes,
        int? UnansweredAfterHours,
        int? UnansweredWithinDays,
        int? HeroQuietDays,
        int? CandidateDays,
        int? CandidateAdvocacy,
        Dictionary<string, string>? StageActions,
        Dictionary<string, string>? Templates);
}

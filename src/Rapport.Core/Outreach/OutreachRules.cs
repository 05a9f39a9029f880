using Rapport.Core.Journey;

namespace Rapport.Core.Outreach;

/// <summary>
/// When Rapport suggests reaching out, and what it suggests saying. Rapport never sends a message itself: a person
/// reads the task, adapts the message and sends it.
/// </summary>
public sealed record OutreachRules
{
    /// <summary>The product's name in messages (<c>{product}</c>).</summary>
    public string Product { get; init; } = "our product";

    /// <summary>Activity types (patterns) that are questions.</summary>
    public IReadOnlyList<ActivityTypePattern> QuestionTypes { get; init; } = [new("Question Asked"), new("question.asked")];

    /// <summary>A question without <c>"answered": true</c> this many hours after it was asked is unanswered.</summary>
    public int UnansweredAfterHours { get; init; } = 48;

    /// <summary>Only questions asked in this many days are followed up: older ones are history, not a task.</summary>
    public int UnansweredWithinDays { get; init; } = 14;

    /// <summary>A hero with no activity for this many days is quiet.</summary>
    public int HeroQuietDays { get; init; } = 60;

    /// <summary>The window, in days, in which a member's advocacy activities are counted for candidacy.</summary>
    public int CandidateDays { get; init; } = 90;

    /// <summary>An active member with at least this many advocacy activities in the window is a hero candidate.</summary>
    public int CandidateAdvocacy { get; init; } = 2;

    /// <summary>What a developer is doing at each stage, for <c>{stageAction}</c>.</summary>
    public IReadOnlyDictionary<JourneyStage, string> StageActions { get; init; } = DefaultStageActions;

    public IReadOnlyDictionary<OutreachReason, MessageTemplate> Templates { get; init; } = DefaultTemplates;

    public static IReadOnlyDictionary<JourneyStage, string> DefaultStageActions { get; } = new Dictionary<JourneyStage, string>
    {
        [JourneyStage.Discover] = "the first look",
        [JourneyStage.Evaluate] = "trying it out",
        [JourneyStage.Learn] = "the getting-started guide",
        [JourneyStage.Build] = "your first integration",
        [JourneyStage.Scale] = "going to production",
    };

    public static IReadOnlyDictionary<OutreachReason, MessageTemplate> DefaultTemplates { get; } = new Dictionary<OutreachReason, MessageTemplate>
    {
        [OutreachReason.Stalled] = new(
            "Hey {firstName}, I saw you were using {product} and then stopped at {stageAction} — are you stuck on something I can help with?"),
        [OutreachReason.UnansweredQuestion] = new(
            "Hey {firstName}, I saw that {question} has no answer yet — sorry about that! Can I help you with it?"),
        [OutreachReason.HeroQuiet] = new(
            "Hey {firstName}, we have not seen you around {product} for a while and we miss you. Is there anything we could do better?"),
        [OutreachReason.HeroCandidate] = new(
            "Hey {firstName}, thank you for everything you share about {product}! Would you like to join our hero program?"),
        [OutreachReason.FeedbackShipped] = new(
            "Hey {firstName}, you asked for {feedback} — it shipped! Thank you for telling us. Would you like a hand trying it?"),
    };

    public bool IsQuestion(string activityType) => QuestionTypes.Any(pattern => pattern.Matches(activityType));

    /// <summary>The suggested message for a task, from its reason's template.</summary>
    public string Message(OutreachReason reason, OutreachMessageFacts facts, DateTime now)
    {
        var stage = facts.Stage is { } s ? JourneyStages.Name(s) : null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["firstName"] = string.IsNullOrWhiteSpace(facts.FirstName) ? "there" : facts.FirstName.Trim(),
            ["name"] = facts.Name,
            ["product"] = Product,
            ["stage"] = stage,
            ["stageAction"] = facts.Stage is { } at ? StageActions.GetValueOrDefault(at, stage!) : "the start",
            ["question"] = string.IsNullOrWhiteSpace(facts.Question) ? "your question" : $"your question \"{facts.Question.Trim()}\"",
            ["feedback"] = string.IsNullOrWhiteSpace(facts.Feedback) ? "a change" : $"\"{facts.Feedback.Trim()}\"",
            ["lastActivity"] = facts.LastActivity?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["daysQuiet"] = facts.LastActivity is { } last
                ? ((int)Math.Floor((now - last).TotalDays)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null,
        };
        return Templates[reason].Render(values);
    }
}

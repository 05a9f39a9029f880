using System.Diagnostics.CodeAnalysis;

namespace Rapport.Core.Outreach;

/// <summary>The reasons' names, as they appear in JSON, files and URLs.</summary>
public static class OutreachReasons
{
    public static IReadOnlyList<OutreachReason> All { get; } =
        [OutreachReason.Stalled, OutreachReason.UnansweredQuestion, OutreachReason.HeroQuiet, OutreachReason.HeroCandidate, OutreachReason.FeedbackShipped];

    public static string Name(OutreachReason reason) => reason switch
    {
        OutreachReason.Stalled => "stalled",
        OutreachReason.UnansweredQuestion => "unanswered_question",
        OutreachReason.HeroQuiet => "hero_quiet",
        OutreachReason.HeroCandidate => "hero_candidate",
        OutreachReason.FeedbackShipped => "feedback_shipped",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out OutreachReason? reason)
    {
        reason = All.Select(r => (OutreachReason?)r).FirstOrDefault(r => Name(r!.Value) == name?.Trim().ToLowerInvariant());
        return reason is not null;
    }
}

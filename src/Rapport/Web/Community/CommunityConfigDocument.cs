namespace Rapport.Web.Community;

/// <summary>
/// The community rules as JSON (<c>GET</c>/<c>PUT /api/v1/community/config</c>, docs/community.md);
/// <see cref="Rapport.Core.Community.CommunityConfig"/> reads and writes it, this describes it in the OpenAPI document.
/// A section or property left out keeps its default.
/// </summary>
internal sealed record CommunityConfigDocument(
    CommunityConfigDocument.LevelsSection? Levels, CommunityConfigDocument.StalledSection? Stalled, CommunityConfigDocument.OutreachSection? Outreach)
{
    internal sealed record LevelsSection(double? HalfLifeDays, double? Active, double? Hero, IReadOnlyList<WeightEntry>? Weights);

    /// <summary>How much an activity type (or a pattern such as <c>github.*</c>) adds to the score.</summary>
    internal sealed record WeightEntry(string Type, double Weight, bool? Advocacy);

    internal sealed record StalledSection(int? MinActivities, int? WindowDays);

    internal sealed record OutreachSection(
        string? Product,
        IReadOnlyList<string>? QuestionTypes,
        int? UnansweredAfterHours,
        int? UnansweredWithinDays,
        int? HeroQuietDays,
        int? CandidateDays,
        int? CandidateAdvocacy,
        IReadOnlyDictionary<string, string>? StageActions,
        IReadOnlyDictionary<string, string>? Templates);
}

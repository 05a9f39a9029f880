namespace Rapport.Core.Feedback;

/// <summary>
/// A bug, feature request, docs problem or friction developers raised, who raised it and where it stands with the
/// product team.
/// </summary>
/// <param name="Source"><c>manual</c>, or the activity type it was confirmed from (<c>question.asked</c>, <c>github.issues.opened</c>).</param>
/// <param name="SourceMessageId">The activity it was confirmed from.</param>
/// <param name="Organizations">Companies that raised it without a developer named (a sales call).</param>
/// <param name="Developers">Distinct developers among the voters.</param>
/// <param name="Score">The ranking score (<see cref="FeedbackRanking.Score"/>).</param>
public sealed record FeedbackItem(
    long Id,
    string Title,
    string? Body,
    FeedbackKind Kind,
    string? Area,
    FeedbackStatus Status,
    string? TrackerUrl,
    string Source,
    string? SourceMessageId,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<FeedbackVoter> Voters,
    int Developers,
    double Score,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? ShippedAt);

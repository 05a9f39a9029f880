namespace Rapport.Core.Feedback;

/// <summary>The feedback about one product area (<c>null</c>: none given), ranked.</summary>
/// <param name="Developers">Distinct developers who raised or upvoted any of its items.</param>
public sealed record FeedbackGroup(string? Area, double Score, int Developers, IReadOnlyList<FeedbackItem> Items);

namespace Rapport.Core.Questions;

/// <summary>
/// A question a developer asked, as the docs-gap analysis, the pulse and the coverage matrix read it from a
/// <c>question.asked</c> (Stack Exchange, questions CSV) or <c>Question Asked</c> (Segment) activity.
/// </summary>
/// <param name="MessageId">The activity's message id: what the question is known by.</param>
/// <param name="Answered"><c>null</c> when the source does not say.</param>
/// <param name="SecondsToFirstAnswer">From the question to its first answer, when it has one and the source knows.</param>
public sealed record Question(
    string MessageId,
    long MemberId,
    DateTime AskedAt,
    string? Title,
    string? Body,
    IReadOnlyList<string> Tags,
    bool? Answered,
    double? SecondsToFirstAnswer,
    string? Url)
{
    /// <summary>The title, or the start of the body for a question without one.</summary>
    public string Headline => !string.IsNullOrWhiteSpace(Title)
        ? Title.Trim()
        : Body is { } body && body.Trim() is { Length: > 0 } text ? (text.Length <= 120 ? text : text[..119] + "…").ReplaceLineEndings(" ") : "(no text)";
}

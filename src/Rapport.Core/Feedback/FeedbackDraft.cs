using Rapport.Core.Identities;

namespace Rapport.Core.Feedback;

/// <summary>
/// A new piece of feedback. With <see cref="FromMessageId"/> it is confirmed from an activity (a question, an issue):
/// the activity's developer raised it, and its title is the item's title unless one is given.
/// </summary>
/// <param name="RaisedBy">Developers who raised it, by identity.</param>
/// <param name="Organizations">Companies that raised it without a developer named.</param>
public sealed record FeedbackDraft(
    string? Title,
    FeedbackKind Kind,
    string? Body = null,
    string? Area = null,
    string? TrackerUrl = null,
    string? FromMessageId = null,
    IReadOnlyList<Identity>? RaisedBy = null,
    IReadOnlyList<string>? Organizations = null)
{
    public const int MaxTitleLength = 300;

    public void Validate()
    {
        if (FromMessageId is null && string.IsNullOrWhiteSpace(Title))
        {
            throw new FormatException("feedback needs a title (or an activity to take it from)");
        }

        if (Title is { Length: > MaxTitleLength })
        {
            throw new FormatException($"a feedback title is at most {MaxTitleLength} characters, not {Title.Length}");
        }

        FeedbackUpdate.ValidateTracker(TrackerUrl);
    }
}

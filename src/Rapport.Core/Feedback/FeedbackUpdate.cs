namespace Rapport.Core.Feedback;

/// <summary>A change to a piece of feedback; <c>null</c> leaves a field as it is, an empty text clears it.</summary>
public sealed record FeedbackUpdate(
    FeedbackStatus? Status = null,
    FeedbackKind? Kind = null,
    string? Title = null,
    string? Area = null,
    string? TrackerUrl = null)
{
    public void Validate()
    {
        if (Title is not null && Title.Trim().Length == 0)
        {
            throw new FormatException("a feedback title cannot be empty");
        }

        if (Title is { Length: > FeedbackDraft.MaxTitleLength })
        {
            throw new FormatException($"a feedback title is at most {FeedbackDraft.MaxTitleLength} characters, not {Title.Length}");
        }

        ValidateTracker(TrackerUrl);
    }

    /// <summary>A tracker link is an http(s) address (or empty, to clear it).</summary>
    public static void ValidateTracker(string? url)
    {
        if (!string.IsNullOrWhiteSpace(url)
            && !(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new FormatException($"the tracker link \"{url}\" is not an http(s) address");
        }
    }
}

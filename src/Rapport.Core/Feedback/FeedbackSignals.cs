namespace Rapport.Core.Feedback;

/// <summary>
/// Whether a question's or issue's text reads as a bug report, a request, a docs problem or friction
/// (docs/feedback.md#suggestions): the first phrase found, case-insensitive, in the title and then the body, in the
/// order bug, feature, docs, friction. Phrases, not single words, so that "how do I handle an error" is not a bug but
/// "throws an exception" is; a person confirms every suggestion, so a miss costs a click, not a wrong record.
/// </summary>
public static class FeedbackSignals
{
    private static readonly (FeedbackKind Kind, string[] Phrases)[] Rules =
    [
        (FeedbackKind.Bug, ["bug", "crash", "crashes", "throws an exception", "stack trace", "regression", "doesn't work", "does not work",
            "no longer works", "stopped working", "broken", "returns 500", "internal server error"]),
        (FeedbackKind.Feature, ["feature request", "would be nice", "would be great", "please add", "please support", "support for",
            "can you add", "could you add", "is there any plan", "are there plans", "it would help if", "wish"]),
        (FeedbackKind.Docs, ["documentation is", "the docs", "docs are", "not documented", "undocumented", "missing from the documentation",
            "example in the documentation"]),
        (FeedbackKind.Friction, ["too small", "too slow", "too expensive", "too complicated", "confusing", "hard to", "painful",
            "free tier", "rate limit"]),
    ];

    /// <summary>The kind and the phrase, or <c>null</c> when the text reads as none.</summary>
    public static (FeedbackKind Kind, string Phrase)? Classify(string? title, string? body)
    {
        foreach (var text in new[] { title, body })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var (kind, phrases) in Rules)
            {
                foreach (var phrase in phrases)
                {
                    if (ContainsPhrase(text, phrase))
                    {
                        return (kind, phrase);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The phrase as whole words: "bug" is in "a bug in", not in "debugging".</summary>
    private static bool ContainsPhrase(string text, string phrase)
    {
        var start = 0;
        while ((start = text.IndexOf(phrase, start, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = start + phrase.Length;
            var before = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            start = end;
        }

        return false;
    }
}

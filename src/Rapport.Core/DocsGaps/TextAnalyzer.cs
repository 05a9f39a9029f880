namespace Rapport.Core.DocsGaps;

/// <summary>
/// Turns text into terms, the same way for questions, docs pages and feedback (docs/docs-gaps.md#terms): lower-case
/// (invariant culture); a term is a run of letters and digits, which may hold <c>.</c>, <c>-</c> or <c>_</c> between
/// two of them (<c>node.js</c>, <c>on-topic</c>) and end in <c>#</c> or <c>+</c> (<c>c#</c>, <c>c++</c>); terms of one
/// character, of digits only or longer than <see cref="MaxTermLength"/> (addresses, hashes) are dropped, and so are the
/// <see cref="StopWords"/>; what is left loses a plural ending by Harman's S-stemmer (<c>tags</c> → <c>tag</c>,
/// <c>libraries</c> → <c>library</c>). No culture, no dictionary, no randomness: the same text gives the same terms.
/// </summary>
public static class TextAnalyzer
{
    public const int MaxTermLength = 40;

    /// <summary>
    /// Common English words, and words every question uses ("how", "help", "thanks", "question"), which say nothing
    /// about what a question is about.
    /// </summary>
    public static IReadOnlySet<string> StopWords => StopWordSet;

    private static readonly HashSet<string> StopWordSet = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anyone", "anything", "are", "aren",
        "as", "ask", "asked", "asking", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "cannot", "could", "couldn", "did", "didn", "do", "does", "doesn", "doing", "don", "down", "during", "each", "e.g", "either",
        "else", "etc", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "go", "going", "got", "had",
        "hadn", "has", "hasn", "have", "haven", "having", "he", "hello", "help", "her", "here", "hers", "herself", "hi", "him", "himself",
        "his", "how", "however", "http", "https", "i", "i.e", "if", "in", "into", "is", "isn", "it", "its", "itself", "just", "know",
        "let", "like", "ll", "may", "maybe", "me", "might", "more", "most", "much", "must", "mustn", "my", "myself", "need", "needs",
        "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "please", "question", "questions", "quite", "re", "really", "same", "say", "see", "seem", "seems", "shan", "she",
        "should", "shouldn", "so", "some", "someone", "something", "still", "such", "sure", "than", "thank", "thanks", "that", "the",
        "their", "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things", "think", "this", "those",
        "though", "through", "to", "too", "try", "trying", "under", "until", "up", "us", "use", "used", "using", "ve", "very", "want",
        "wants", "was", "wasn", "way", "we", "well", "were", "weren", "what", "when", "where", "whether", "which", "while", "who", "whom",
        "why", "will", "with", "won", "would", "wouldn", "www", "yes", "yet", "you", "your", "yours", "yourself", "yourselves",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWordSet.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Calls <paramref name="handler"/> for each term of <paramref name="text"/>, at most <paramref name="maxTerms"/>; returns how many.</summary>
    public static int ForEachTerm(ReadOnlySpan<char> text, int maxTerms, TermHandler handler)
    {
        Span<char> buffer = stackalloc char[MaxTermLength + 1];
        var count = 0;
        var i = 0;
        while (i < text.Length && count < maxTerms)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var length = 0;
            var tooLong = false;
            var onlyDigits = true;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    onlyDigits &= char.IsAsciiDigit(c);
                }
                else if (c is '.' or '-' or '_' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && length > 0)
                {
                    // Joins two parts of one name: node.js, on-topic, snake_case.
                }
                else if (c is '#' or '+' && length > 0)
                {
                    // c#, f#, c++: the marks end the term.
                    while (i < text.Length && text[i] is '#' or '+')
                    {
                        if (length < buffer.Length)
                        {
                            buffer[length] = text[i];
                        }

                        length++;
                        i++;
                    }

                    break;
                }
                else
                {
                    break;
                }

                if (length < buffer.Length)
                {
                    buffer[length] = char.ToLowerInvariant(c);
                }
                else
                {
                    tooLong = true;
                }

                length++;
                i++;
            }

            if (tooLong || length > MaxTermLength || length < 2 || onlyDigits)
            {
                continue;
            }

            var term = buffer[..length];
            if (StopWordLookup.Contains(term))
            {
                continue;
            }

            handler(Stem(term));
            count++;
        }

        return count;
    }

    /// <summary>The terms of a text with how often each occurs, in order of first occurrence.</summary>
    public static IReadOnlyList<(string Term, int Count)> Terms(string text, int maxTerms = int.MaxValue)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        ForEachTerm(text, maxTerms, term =>
        {
            if (lookup.TryGetValue(term, out var seen))
            {
                lookup[term] = seen + 1;
                return;
            }

            var name = term.ToString();
            counts[name] = 1;
            order.Add(name);
        });
        return [.. order.Select(term => (term, counts[term]))];
    }

    /// <summary>
    /// Harman's S-stemmer (1991), for words of four or more letters: <c>-ies</c> → <c>-y</c> (not after <c>e</c> or
    /// <c>a</c>), <c>-es</c> → <c>-e</c> (not after <c>a</c>, <c>e</c> or <c>o</c>), <c>-s</c> → nothing (not after
    /// <c>u</c> or <c>s</c>); the first rule that applies. Words joined by <c>.</c>, <c>-</c> or <c>_</c> are left alone.
    /// </summary>
    public static ReadOnlySpan<char> Stem(Span<char> word)
    {
        // Names joined by marks (node.js, socket.io) are names, not plurals.
        if (word.Length < 4 || !char.IsAsciiLetterLower(word[^1]) || word.ContainsAny('.', '-', '_'))
        {
            return word;
        }

        if (word.EndsWith("ies") && word[^4] is not ('e' or 'a'))
        {
            word[^3] = 'y';
            return word[..^2];
        }

        if (word.EndsWith("es") && word[^3] is not ('a' or 'e' or 'o'))
        {
            return word[..^1];
        }

        if (word[^1] == 's' && word[^2] is not ('u' or 's'))
        {
            return word[..^1];
        }

        return word;
    }
}

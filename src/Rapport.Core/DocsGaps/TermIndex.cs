namespace Rapport.Core.DocsGaps;

/// <summary>
/// The questions as TF-IDF vectors over one vocabulary (docs/docs-gaps.md#weights). A title's and a tag's terms count
/// twice, a body's once (its first <see cref="DocsGapOptions.BodyTerms"/> terms); a term's weight is
/// <c>(1 + ln tf) × idf</c> with the smoothed <c>idf = ln((1 + N) / (1 + df)) + 1</c>; terms found in fewer than two
/// questions cannot make two questions alike and terms in more than half of them (when there are at least 20) cannot
/// tell them apart, so both are left out; each question keeps its <see cref="DocsGapOptions.QuestionTerms"/> heaviest
/// terms, scaled to unit length. Term ids are given in the order terms are first met, so the same questions in the
/// same order give the same ids.
/// </summary>
public sealed class TermIndex
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];

    public int VocabularySize => _terms.Count;

    /// <summary>In how many questions each term occurs, by id.</summary>
    public int[] DocumentFrequency { get; private set; } = [];

    /// <summary>Each term's idf, by id; 0 for terms left out.</summary>
    public double[] Idf { get; private set; } = [];

    public int Documents { get; private set; }

    public string Term(int id) => _terms[id];

    public int? IdOf(ReadOnlySpan<char> term) => _ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(term, out var id) ? id : null;

    /// <summary>The weighted term counts of a text: title and tags count <paramref name="headWeight"/> each, the body once.</summary>
    public Dictionary<int, double> Count(string? title, IReadOnlyList<string> tags, string? body, int bodyTerms, double headWeight, bool addNew)
    {
        var counts = new Dictionary<int, double>();
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        void Add(ReadOnlySpan<char> term, double weight)
        {
            if (!lookup.TryGetValue(term, out var id))
            {
                if (!addNew)
                {
                    return;
                }

                id = _terms.Count;
                var name = term.ToString();
                _ids[name] = id;
                _terms.Add(name);
            }

            counts[id] = counts.GetValueOrDefault(id) + weight;
        }

        if (title is not null)
        {
            TextAnalyzer.ForEachTerm(title, int.MaxValue, term => Add(term, headWeight));
        }

        foreach (var tag in tags)
        {
            // A tag is one term, as Stack Exchange means it (on-topic, feature-request), when it reads as one.
            TextAnalyzer.ForEachTerm(tag, 4, term => Add(term, headWeight));
        }

        if (body is not null)
        {
            TextAnalyzer.ForEachTerm(body, bodyTerms, term => Add(term, 1));
        }

        return counts;
    }

    /// <summary>Vectors of the questions, in their order.</summary>
    public static (TermIndex Index, SparseVector[] Vectors) Build(IReadOnlyList<Questions.Question> questions, DocsGapOptions options)
    {
        var index = new TermIndex();
        var counts = new Dictionary<int, double>[questions.Count];
        for (var q = 0; q < questions.Count; q++)
        {
            var question = questions[q];
            counts[q] = index.Count(question.Title, question.Tags, question.Body, options.BodyTerms, 2, addNew: true);
        }

        var df = new int[index.VocabularySize];
        foreach (var count in counts)
        {
            foreach (var term in count.Keys)
            {
                df[term]++;
            }
        }

        var n = questions.Count;
        var idf = new double[df.Length];
        for (var t = 0; t < df.Length; t++)
        {
            var tooCommon = n >= 20 && df[t] > n / 2;
            idf[t] = df[t] < 2 || tooCommon ? 0 : Math.Log((1.0 + n) / (1.0 + df[t])) + 1;
        }

        index.DocumentFrequency = df;
        index.Idf = idf;
        index.Documents = n;
        var vectors = new SparseVector[n];
        for (var q = 0; q < n; q++)
        {
            vectors[q] = SparseVector.Top(
                counts[q].Select(pair => KeyValuePair.Create(pair.Key, (1 + Math.Log(pair.Value)) * idf[pair.Key])), options.QuestionTerms);
        }

        return (index, vectors);
    }
}

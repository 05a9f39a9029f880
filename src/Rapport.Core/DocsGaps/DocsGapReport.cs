using System.Globalization;
using Rapport.Core.Questions;

namespace Rapport.Core.DocsGaps;

/// <summary>
/// "If it's not documented it doesn't exist": the questions developers keep asking, grouped into topics, each matched
/// against the docs pages, biggest gap first (docs/docs-gaps.md). The CLI, the API and the Docs gaps page all show this.
/// </summary>
/// <param name="LatestQuestionAt">The latest question's time: the trend's last month is its month.</param>
/// <param name="Unclustered">Questions that are in no topic (too unlike the others, or in a group too small).</param>
public sealed record DocsGapReport(
    int Questions,
    int Unclustered,
    int DocsPages,
    DateTime? LatestQuestionAt,
    IReadOnlyList<DocsGapTopic> Topics)
{
    /// <summary>BM25's term-frequency saturation and length normalisation (Robertson et al.).</summary>
    private const double K1 = 1.2;

    private const double B = 0.75;

    public static DocsGapReport Compute(IReadOnlyList<Question> questions, IReadOnlyList<DocsPage> pages, DocsGapOptions options)
    {
        options.Validate();
        var ordered = questions.OrderBy(q => q.AskedAt).ThenBy(q => q.MessageId, StringComparer.Ordinal).ToArray();
        var (index, vectors) = TermIndex.Build(ordered, options);
        var assignment = TopicClustering.Cluster(vectors, index.VocabularySize, options);
        var centroids = TopicClustering.Centroids(vectors, assignment, options.CentroidTerms);
        var latest = ordered.Length == 0 ? (DateTime?)null : ordered[^1].AskedAt;
        var months = latest is { } last ? MonthsEnding(last, options.Months) : [];
        var pageTerms = IndexPages(index, pages, options);
        var averageLength = pageTerms.Count == 0 ? 0 : pageTerms.Average(page => page.Length);
        var groups = Enumerable.Range(0, centroids.Length).Select(_ => new List<int>()).ToArray();
        for (var q = 0; q < ordered.Length; q++)
        {
            if (assignment[q] >= 0)
            {
                groups[assignment[q]].Add(q);
            }
        }

        var monthOf = ordered.Select(q => q.AskedAt.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToArray();
        var topics = new List<DocsGapTopic>();
        for (var g = 0; g < centroids.Length; g++)
        {
            var members = groups[g];
            var centroid = centroids[g];
            var top = Enumerable.Range(0, centroid.Count)
                .OrderByDescending(i => centroid.Weights[i]).ThenBy(i => centroid.Terms[i])
                .Take(options.TopTerms)
                .Select(i => (Term: centroid.Terms[i], Weight: (double)centroid.Weights[i]))
                .ToList();
            var matches = pageTerms
                .Select(page => new DocsPageMatch(page.Page.ContentId, page.Page.Title, page.Page.Url, Round(Match(top, page.Counts, page.Length, averageLength), 3)))
                .Where(match => match.Match >= options.MinPageMatch)
                .OrderByDescending(match => match.Match).ThenBy(match => match.ContentId)
                .Take(options.Examples)
                .ToList();
            var known = members.Where(q => ordered[q].Answered is not null).ToList();
            double? unanswered = known.Count == 0 ? null : Round((double)known.Count(q => ordered[q].Answered == false) / known.Count, 3);
            var hours = members
                .Where(q => ordered[q].Answered != false && ordered[q].SecondsToFirstAnswer is not null)
                .Select(q => ordered[q].SecondsToFirstAnswer!.Value / 3600)
                .ToList();
            var coverage = matches.Count == 0 ? 0 : matches[0].Match;
            var examples = members
                .Select(q => (Question: ordered[q], Similarity: vectors[q].Dot(centroid)))
                .OrderByDescending(pair => pair.Similarity).ThenByDescending(pair => pair.Question.AskedAt).ThenBy(pair => pair.Question.MessageId, StringComparer.Ordinal)
                .Take(options.Examples)
                .Select(pair => new TopicQuestion(pair.Question.MessageId, pair.Question.MemberId, pair.Question.Headline, pair.Question.Url,
                    pair.Question.AskedAt, pair.Question.Answered, Round(pair.Similarity, 3)))
                .ToList();
            var perMonth = members.GroupBy(q => monthOf[q], StringComparer.Ordinal).ToDictionary(month => month.Key, month => month.Count(), StringComparer.Ordinal);
            var trend = months.Select(month => new MonthCount(month, perMonth.GetValueOrDefault(month))).ToList();
            var terms = top.Select(term => index.Term(term.Term)).ToList();
            topics.Add(new DocsGapTopic(
                0, string.Join(", ", terms.Take(3)), terms, members.Count, trend, unanswered,
                hours.Count == 0 ? null : Round(Median(hours), 1), examples, matches, coverage,
                Round(members.Count * (1 - coverage) * (1 + (unanswered ?? 0)), 2)));
        }

        var ranked = topics
            .OrderByDescending(topic => topic.GapScore).ThenByDescending(topic => topic.Questions).ThenBy(topic => topic.Name, StringComparer.Ordinal)
            .Select((topic, i) => topic with { Rank = i + 1 })
            .ToList();
        return new DocsGapReport(ordered.Length, assignment.Count(group => group < 0), pages.Count, latest, ranked);
    }

    /// <summary>
    /// A page's match with a topic: the topic's top terms, each weighted by its centroid weight, each scored by BM25's
    /// saturating term frequency on the page (<c>tf·(k1+1) / (tf + k1·(1 − b + b·length/average length))</c>)
    /// divided by its limit <c>k1+1</c>; so 0 when the page has none of the terms, and towards 1 when it has all of
    /// them often.
    /// </summary>
    private static double Match(List<(int Term, double Weight)> top, Dictionary<int, double> counts, double length, double averageLength)
    {
        var total = top.Sum(term => term.Weight);
        if (total == 0 || averageLength == 0)
        {
            return 0;
        }

        var norm = K1 * (1 - B + (B * length / averageLength));
        var score = 0.0;
        foreach (var (term, weight) in top)
        {
            if (counts.TryGetValue(term, out var tf))
            {
                score += weight * (tf * (K1 + 1) / (tf + norm)) / (K1 + 1);
            }
        }

        return score / total;
    }

    private static List<(DocsPage Page, Dictionary<int, double> Counts, double Length)> IndexPages(
        TermIndex index, IReadOnlyList<DocsPage> pages, DocsGapOptions options)
    {
        var list = new List<(DocsPage Page, Dictionary<int, double> Counts, double Length)>();
        foreach (var page in pages.OrderBy(page => page.ContentId))
        {
            var length = 0.0;
            var counts = new Dictionary<int, double>();
            void Add(ReadOnlySpan<char> term, double weight)
            {
                length += weight;
                if (index.IdOf(term) is { } id)
                {
                    counts[id] = counts.GetValueOrDefault(id) + weight;
                }
            }

            TextAnalyzer.ForEachTerm(page.Title, int.MaxValue, term => Add(term, 2));
            TextAnalyzer.ForEachTerm(page.Text, options.PageTerms, term => Add(term, 1));
            list.Add((page, counts, length));
        }

        return list;
    }

    private static List<string> MonthsEnding(DateTime last, int count)
    {
        var end = new DateTime(last.Year, last.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, count).Select(i => end.AddMonths(i - count + 1).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}

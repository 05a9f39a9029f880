using BenchmarkDotNet.Attributes;
using Rapport.Core.DocsGaps;
using Rapport.Core.Questions;

namespace Rapport.Benchmarks;

/// <summary>
/// <see cref="DocsGapReport.Compute"/> over generated questions: 500 made-up subjects of 6 words each; a question
/// takes 2–3 words of one subject (Zipf-like: subject <c>k</c> is drawn about <c>1/k</c> as often) and 3 common words for
/// its title, and a 60-word body mixing its subject's words with words drawn from a 20,000-word vocabulary; two tags.
/// 200 docs pages of 400 words each cover the first 200 subjects. What <c>rapport report docs-gaps</c> spends in Core
/// after reading the questions and pages from the store; the target is under a minute for 100,000 questions.
/// </summary>
/// <remarks>Not in process: BenchmarkDotNet stops in-process benchmarks whose first call runs for minutes.</remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class DocsGapBenchmarks
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private IReadOnlyList<Question> _questions = [];
    private IReadOnlyList<DocsPage> _pages = [];

    [Params(10_000, 100_000)]
    public int Questions { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(2026_11_30);
        string Word()
        {
            const string Consonants = "bcdfghjklmnprstvwz";
            const string Vowels = "aeiou";
            var length = 4 + random.Next(6);
            var word = new char[length];
            for (var i = 0; i < length; i++)
            {
                word[i] = i % 2 == 0 ? Consonants[random.Next(Consonants.Length)] : Vowels[random.Next(Vowels.Length)];
            }

            return new string(word);
        }

        var vocabulary = Enumerable.Range(0, 20_000).Select(_ => Word()).ToArray();
        var subjects = Enumerable.Range(0, 500).Select(_ => Enumerable.Range(0, 6).Select(_ => Word()).ToArray()).ToArray();
        var harmonic = Enumerable.Range(1, subjects.Length).Select(k => 1.0 / k).ToArray();
        var total = harmonic.Sum();
        int Subject()
        {
            var x = random.NextDouble() * total;
            for (var k = 0; k < harmonic.Length; k++)
            {
                if ((x -= harmonic[k]) <= 0)
                {
                    return k;
                }
            }

            return harmonic.Length - 1;
        }

        var questions = new List<Question>(Questions);
        for (var q = 0; q < Questions; q++)
        {
            var subject = subjects[Subject()];
            var title = string.Join(' ', Enumerable.Range(0, 2 + random.Next(2)).Select(_ => subject[random.Next(subject.Length)])
                .Concat(Enumerable.Range(0, 3).Select(_ => vocabulary[random.Next(vocabulary.Length)])));
            var body = string.Join(' ', Enumerable.Range(0, 60).Select(i => i % 5 == 0 ? subject[random.Next(subject.Length)] : vocabulary[random.Next(vocabulary.Length)]));
            var answered = random.Next(4) != 0;
            questions.Add(new Question(
                $"q{q}", q % 5_000, Start.AddMinutes(q * 5), title, body, [subject[0], subject[1]], answered,
                answered ? random.Next(60, 7 * 86_400) : null, null));
        }

        _questions = questions;
        _pages =
        [
            .. Enumerable.Range(0, 200).Select(p => new DocsPage(p + 1, string.Join(' ', subjects[p].Take(3)), null,
                string.Join(' ', Enumerable.Range(0, 400).Select(i => i % 4 == 0 ? subjects[p][i % 6] : vocabulary[random.Next(vocabulary.Length)])))),
        ];
    }

    [Benchmark]
    public int Topics() => DocsGapReport.Compute(_questions, _pages, DocsGapOptions.Default).Topics.Count;
}

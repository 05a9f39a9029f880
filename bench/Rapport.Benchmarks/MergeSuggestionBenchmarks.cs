using BenchmarkDotNet.Attributes;
using Rapport.Core.Identities;

namespace Rapport.Benchmarks;

/// <summary>
/// <see cref="MergeSuggestionFinder"/> over generated developers: names from 2,000 × 2,000 syllable-made first and
/// last names (so some are shared), 1 % of them retyped with one letter changed, work and free-mail addresses, a
/// GitHub login for a third, and 1 % with a second address of the same Gmail mailbox. What
/// <c>rapport members suggestions</c> spends in Core after reading the developers from the store.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MergeSuggestionBenchmarks
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "de", "ya", "bo", "ri", "an", "el", "or", "us"];
    private static readonly DateTime At = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private IReadOnlyList<DeveloperFacts> _developers = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int Developers { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(2026_11_30);
        string Word(int seed) => string.Concat(Enumerable.Range(0, 3).Select(i => Syllables[(seed >> (4 * i)) & 15])) + (seed % 7 == 0 ? "n" : "");
        var developers = new List<DeveloperFacts>(Developers);
        var identityId = 1L;
        for (var member = 1; member <= Developers; member++)
        {
            var name = $"{Capital(Word(random.Next(2000)))} {Capital(Word(random.Next(2000)))}";
            if (random.NextDouble() < 0.01 && developers.Count > 0)
            {
                var other = developers[random.Next(developers.Count)].Name!;
                var at = random.Next(other.Length);
                name = other[..at] + (char)('a' + random.Next(26)) + other[(at + 1)..];
            }

            var local = name.Replace(" ", ".", StringComparison.Ordinal).ToLowerInvariant() + member;
            var identities = new List<StoredIdentity>
            {
                new(identityId++, Identity.Create(IdentityKinds.Email, $"{local}@{(random.NextDouble() < 0.4 ? "gmail.com" : $"company{random.Next(5000)}.example")}"), member),
            };
            if (random.NextDouble() < 0.35)
            {
                identities.Add(new StoredIdentity(identityId++, Identity.Create(IdentityKinds.GitHub, local.Replace(".", "", StringComparison.Ordinal)), member));
            }

            if (random.NextDouble() < 0.01)
            {
                identities.Add(new StoredIdentity(identityId++, Identity.Create(IdentityKinds.Email, $"{local.Replace(".", "", StringComparison.Ordinal)}+news@googlemail.com"), member));
            }

            developers.Add(new DeveloperFacts(member, identities, name, []));
        }

        _developers = developers;
        Console.WriteLine($"// {Developers:N0} developers: {MergeSuggestionFinder.Find(_developers, At).Count:N0} suggestions");
    }

    [Benchmark]
    public int Find() => MergeSuggestionFinder.Find(_developers, At).Count;

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}

using BenchmarkDotNet.Attributes;
using Rapport.Core.Identities;

namespace Rapport.Benchmarks;

/// <summary>
/// <see cref="MergeSuggestionFinder"/> over generated developers: first names drawn unevenly from 3,000 made-up names
/// and last names evenly from 50,000 (so some full names are shared, as in life), 1 % of the names retyped from
/// another developer's with one letter changed, a work or free-mail address each, a GitHub login for a third, and 1 %
/// with a second address of the same Gmail mailbox. What <c>rapport members suggestions</c> spends in Core after
/// reading the developers from the store.
/// </summary>
[MemoryDiagnoser]
[InProcess]
[WarmupCount(1)]
[IterationCount(3)]
public class MergeSuggestionBenchmarks
{
    private static readonly DateTime At = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    private IReadOnlyList<DeveloperFacts> _developers = [];

    [Params(10_000, 100_000)]
    public int Developers { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var random = new Random(2026_11_30);
        string Word(Random letters, int length)
        {
            const string Consonants = "bcdfghjklmnprstvwz";
            const string Vowels = "aeiou";
            var word = new char[length];
            for (var i = 0; i < length; i++)
            {
                word[i] = i % 2 == 0 ? Consonants[letters.Next(Consonants.Length)] : Vowels[letters.Next(Vowels.Length)];
            }

            word[0] = char.ToUpperInvariant(word[0]);
            return new string(word);
        }

        var firstNames = Enumerable.Range(0, 3_000).Select(i => Word(new Random(i), 4 + (i % 4))).ToArray();
        var lastNames = Enumerable.Range(0, 50_000).Select(i => Word(new Random(1_000_000 + i), 5 + (i % 5))).ToArray();
        var developers = new List<DeveloperFacts>(Developers);
        var identityId = 1L;
        for (var member = 1; member <= Developers; member++)
        {
            // Popular first names are much more common than rare ones: the square of a uniform number leans low.
            var first = firstNames[(int)(Math.Pow(random.NextDouble(), 2) * firstNames.Length)];
            var name = $"{first} {lastNames[random.Next(lastNames.Length)]}";
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
}

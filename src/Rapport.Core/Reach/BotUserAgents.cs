using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Rapport.Core.Reach;

/// <summary>
/// Tells crawlers and scripts from browsers by their user agent, with the crawler-user-agents and isbot patterns.
/// </summary>
/// <remarks>
/// One alternation of 1,700 patterns run by the backtracking engine costs milliseconds per user agent, because every
/// position tries every branch. The patterns are instead compiled into a few linear-time (non-backtracking) automata
/// of up to <see cref="PatternsPerAutomaton"/> patterns each; only the six isbot patterns with look-arounds, which that
/// engine cannot run, are matched one by one. That still costs tens of microseconds, so answers are remembered per
/// user agent: real traffic repeats a few thousand user agents millions of times. The memory is bounded
/// (<see cref="MaxRemembered"/>); past it, new user agents are classified without being remembered.
/// </remarks>
public sealed class BotUserAgents
{
    public const int PatternsPerAutomaton = 120;

    public const int MaxRemembered = 200_000;

    private static readonly Lazy<BotUserAgents> Lists = new(() => new BotUserAgents(
        BotUserAgentLists.Crawlers.Select(crawler => crawler.Pattern), BotUserAgentLists.IsBotPatterns));

    private readonly Regex[] _automata;
    private readonly Regex[] _lookarounds;
    private readonly ConcurrentDictionary<string, bool> _remembered = new(new UserAgentComparer());

    /// <param name="caseSensitive">Patterns that match as written (crawler-user-agents).</param>
    /// <param name="caseInsensitive">Patterns that ignore case (isbot).</param>
    public BotUserAgents(IEnumerable<string> caseSensitive, IEnumerable<string> caseInsensitive)
    {
        var automata = new List<Regex>();
        var lookarounds = new List<Regex>();
        foreach (var (patterns, options) in new[] { (caseSensitive, RegexOptions.None), (caseInsensitive, RegexOptions.IgnoreCase) })
        {
            var linear = new List<string>();
            foreach (var pattern in patterns)
            {
                if (NeedsBacktracking(pattern))
                {
                    lookarounds.Add(new Regex(pattern, options | RegexOptions.CultureInvariant | RegexOptions.Compiled));
                }
                else
                {
                    linear.Add(pattern);
                }
            }

            for (var start = 0; start < linear.Count; start += PatternsPerAutomaton)
            {
                AddAutomata(automata, linear.GetRange(start, Math.Min(PatternsPerAutomaton, linear.Count - start)), options);
            }
        }

        _automata = [.. automata];
        _lookarounds = [.. lookarounds];
    }

    /// <summary>The vendored lists, compiled once per process on first use (a few seconds).</summary>
    public static BotUserAgents Default => Lists.Value;

    /// <summary>
    /// Whether the user agent is a crawler, a script or a tool. A request without a user agent is counted as a bot:
    /// every browser sends one.
    /// </summary>
    public bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }

        if (_remembered.TryGetValue(userAgent, out var known))
        {
            return known;
        }

        var bot = Match(userAgent) is not null;
        if (_remembered.Count < MaxRemembered)
        {
            _remembered.TryAdd(userAgent, bot);
        }

        return bot;
    }

    /// <summary>The pattern text that matched, or <c>null</c>: to explain a classification.</summary>
    public string? Match(string userAgent)
    {
        foreach (var automaton in _automata)
        {
            if (automaton.Match(userAgent) is { Success: true } match)
            {
                return match.Value;
            }
        }

        foreach (var pattern in _lookarounds)
        {
            if (pattern.Match(userAgent) is { Success: true } match)
            {
                return match.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// Ordinal equality with XxHash3 (seeded at random per process, so no one can choose colliding user agents): a
    /// lookup hashes the whole user agent, and XxHash3 does that several times faster than the default string hash.
    /// </summary>
    private sealed class UserAgentComparer : IEqualityComparer<string>
    {
        private readonly long _seed = Random.Shared.NextInt64();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string text) => (int)System.IO.Hashing.XxHash3.HashToUInt64(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(text.AsSpan()), _seed);
    }

    /// <summary>Whether a pattern uses look-arounds or back-references, which the linear-time engine does not run.</summary>
    private static bool NeedsBacktracking(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking);
            return false;
        }
        catch (NotSupportedException)
        {
            return true;
        }
    }

    private static void AddAutomata(List<Regex> automata, List<string> patterns, RegexOptions options)
    {
        try
        {
            automata.Add(new Regex(
                string.Join('|', patterns.Select(pattern => $"(?:{pattern})")), options | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
        }
        catch (NotSupportedException) when (patterns.Count > 1)
        {
            // Too many states for one automaton: halve the group.
            AddAutomata(automata, patterns[..(patterns.Count / 2)], options);
            AddAutomata(automata, patterns[(patterns.Count / 2)..], options);
        }
    }
}

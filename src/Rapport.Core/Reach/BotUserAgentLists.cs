using System.Reflection;
using System.Text.Json;

namespace Rapport.Core.Reach;

/// <summary>
/// The vendored bot lists (in <c>Reach/BotLists</c>, each with its license): crawler-user-agents' 1,500 case-sensitive
/// patterns with their example user agents, and isbot's 206 case-insensitive patterns.
/// </summary>
public static class BotUserAgentLists
{
    private static readonly Lazy<IReadOnlyList<CrawlerPattern>> CrawlerList = new(ReadCrawlers);
    private static readonly Lazy<IReadOnlyList<string>> IsBotList = new(ReadIsBot);

    public static IReadOnlyList<CrawlerPattern> Crawlers => CrawlerList.Value;

    public static IReadOnlyList<string> IsBotPatterns => IsBotList.Value;

    private static IReadOnlyList<CrawlerPattern> ReadCrawlers()
    {
        using var document = JsonDocument.Parse(Read("crawler-user-agents.json"));
        return [.. document.RootElement.EnumerateArray().Select(entry => new CrawlerPattern(
            entry.GetProperty("pattern").GetString()!,
            entry.TryGetProperty("instances", out var instances) ? [.. instances.EnumerateArray().Select(instance => instance.GetString()!)] : []))];
    }

    private static IReadOnlyList<string> ReadIsBot()
    {
        using var document = JsonDocument.Parse(Read("isbot-patterns.json"));
        return [.. document.RootElement.EnumerateArray().Select(pattern => pattern.GetString()!)];
    }

    private static Stream Read(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("BotLists." + name)
        ?? throw new InvalidOperationException($"the bot list {name} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
}

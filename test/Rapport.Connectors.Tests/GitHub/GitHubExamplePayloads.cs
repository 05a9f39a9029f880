using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rapport.Connectors.Tests.GitHub;

/// <summary>
/// The 329 example payloads of 58 event types from @octokit/webhooks-examples (TestData/NOTICE), as GitHub sends them.
/// </summary>
internal static class GitHubExamplePayloads
{
    private static readonly Lazy<IReadOnlyList<(string Event, int Index, byte[] Payload)>> All = new(Load);

    public static IReadOnlyList<(string Event, int Index, byte[] Payload)> Examples => All.Value;

    public static byte[] Get(string gitHubEvent, int index) =>
        All.Value.Single(example => example.Event == gitHubEvent && example.Index == index).Payload;

    /// <summary>The first example of an event with this action.</summary>
    public static byte[] First(string gitHubEvent, string? action) =>
        All.Value.First(example => example.Event == gitHubEvent && ActionOf(example.Payload) == action).Payload;

    /// <summary>A real payload with some fields changed, for cases the examples lack (a merged pull request, a bot).</summary>
    public static byte[] Edit(byte[] payload, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(payload)!.AsObject();
        edit(node);
        return JsonSerializer.SerializeToUtf8Bytes(node);
    }

    public static string? ActionOf(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.TryGetProperty("action", out var action) ? action.GetString() : null;
    }

    private static IReadOnlyList<(string Event, int Index, byte[] Payload)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "GitHub", "TestData", "api.github.com.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var examples = new List<(string, int, byte[])>();
        foreach (var eventType in document.RootElement.EnumerateArray())
        {
            var name = eventType.GetProperty("name").GetString()!;
            var index = 0;
            foreach (var example in eventType.GetProperty("examples").EnumerateArray())
            {
                examples.Add((name, index++, JsonSerializer.SerializeToUtf8Bytes(example)));
            }
        }

        return examples;
    }
}

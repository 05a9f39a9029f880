using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport feedback</c> on the conlang meta Stack Exchange dump: a suggestion confirmed, ranked, shipped, and the loop closed.</summary>
public sealed class FeedbackCommandTests : IDisposable
{
    private const string Site = "conlang.meta.stackexchange.com";
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_confirmed_suggestion_is_ranked_and_shipping_it_queues_a_message_to_the_developer_who_asked()
    {
        await RunAsync(0, "import", "stackexchange", Path.Combine(AppContext.BaseDirectory, "TestData", Site));

        using var suggestions = JsonDocument.Parse((await RunAsync(0, "feedback", "suggestions", "--json")).Output);
        var icon = suggestions.RootElement.EnumerateArray().Single(suggestion => suggestion.GetProperty("reason").GetString() == "bug");
        Assert.Equal(("Is the icon for this site supposed to be \"art\"?", "bug"), (icon.GetProperty("title").GetString(), icon.GetProperty("kind").GetString()));
        await RunAsync(0, "feedback", "add", "--kind", "bug", "--area", "site", "--from", icon.GetProperty("messageId").GetString()!, "--organization", "Acme");
        await RunAsync(0, "feedback", "add", "Tag synonyms for language change", "--kind", "feature", "--area", "tags", "--raised-by", $"stackexchange:{Site}/14");
        await RunAsync(0, "feedback", "vote", "2", $"stackexchange:{Site}/19");

        using var groups = JsonDocument.Parse((await RunAsync(0, "feedback", "list", "--json")).Output);
        using var shipped = JsonDocument.Parse((await RunAsync(0, "feedback", "update", "2", "--status", "shipped", "--json")).Output);
        using var tasks = JsonDocument.Parse((await RunAsync(0, "outreach", "list", "--reason", "feedback_shipped", "--json")).Output);
        var refused = await RunAsync(1, "feedback", "add", "x", "--kind", "wish");

        // Tags: bytebuster at Scale (4) + rotaredom at Learn (2) = 6; the icon: rotaredom (2) + Acme (2) = 4.
        Assert.Equal([("tags", 6.0, 2), ("site", 4.0, 1)],
            groups.RootElement.EnumerateArray().Select(group => (group.GetProperty("area").GetString(), group.GetProperty("score").GetDouble(), group.GetProperty("developers").GetInt32())));
        Assert.Equal(2, shipped.RootElement.GetProperty("outreachTasksCreated").GetInt32());
        Assert.Equal("shipped", shipped.RootElement.GetProperty("item").GetProperty("status").GetString());
        Assert.Equal(["bytebuster", "rotaredom"], tasks.RootElement.EnumerateArray().Select(task => task.GetProperty("name").GetString()).Order());
        Assert.All(tasks.RootElement.EnumerateArray(), task => Assert.Contains(
            "you asked for \"Tag synonyms for language change\" — it shipped!", task.GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.Equal("rapport: --kind \"wish\" is not a kind; use bug, feature, docs, friction", refused.Error.Trim());
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(string Output, string Error)> RunAsync(int expectedExit, params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
        Assert.True(exitCode == expectedExit, $"exit {exitCode}: {error}");
        return (output, error);
    }
}

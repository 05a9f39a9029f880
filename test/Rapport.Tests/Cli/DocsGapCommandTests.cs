using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary>
/// <c>rapport report docs-gaps</c> on a real Stack Exchange dump (conlang.meta.stackexchange.com) and a small docs
/// folder written for the test (TestData/conlang-docs) that covers moderation and tags but not the weekly topic
/// challenges.
/// </summary>
public sealed class DocsGapCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task The_topic_challenges_are_the_named_gap_and_the_documented_topics_match_their_pages()
    {
        await RunAsync("import", "stackexchange", Path.Combine(AppContext.BaseDirectory, "TestData", "conlang.meta.stackexchange.com"));
        await RunAsync("import", "markdown", Path.Combine(AppContext.BaseDirectory, "TestData", "conlang-docs"), "--kind", "docs_page",
            "--base-url", "https://docs.example.com/");

        var json = await RunAsync("report", "docs-gaps", "--json");
        var table = await RunAsync("report", "docs-gaps");

        using var report = JsonDocument.Parse(json);
        var root = report.RootElement;
        Assert.Equal((53, 37, 3), (root.GetProperty("questions").GetInt32(), root.GetProperty("unclustered").GetInt32(), root.GetProperty("docsPages").GetInt32()));
        var topics = root.GetProperty("topics").EnumerateArray().ToList();
        Assert.Equal(
            ["challenge, topic, week", "moderator, moderation, user", "tag, typology, language-change", "script, tag, suggestion"],
            topics.Select(topic => topic.GetProperty("name").GetString()));
        Assert.Equal([6, 4, 3, 3], topics.Select(topic => topic.GetProperty("questions").GetInt32()));

        // The gap: six questions about the weekly topic challenges, no docs page about them at all.
        var challenges = topics[0];
        Assert.Equal(1, challenges.GetProperty("rank").GetInt32());
        Assert.Equal(0, challenges.GetProperty("pages").GetArrayLength());
        Assert.Equal(6, challenges.GetProperty("gapScore").GetDouble());
        Assert.Equal(0, challenges.GetProperty("unansweredShare").GetDouble());
        Assert.Equal(62, challenges.GetProperty("medianHoursToFirstAnswer").GetDouble());
        Assert.Contains("Topic Challenge: Phonology", challenges.GetProperty("examples").EnumerateArray().Select(example => example.GetProperty("title").GetString()));
        Assert.Equal("2020-08", challenges.GetProperty("trend").EnumerateArray().Last().GetProperty("month").GetString());

        // Documented topics: their best page and a smaller gap.
        var moderation = topics[1];
        var page = moderation.GetProperty("pages")[0];
        Assert.Equal(("Moderation and moderator elections", "https://docs.example.com/moderation/", 0.613),
            (page.GetProperty("title").GetString(), page.GetProperty("url").GetString(), page.GetProperty("match").GetDouble()));
        Assert.Equal(0.5, moderation.GetProperty("unansweredShare").GetDouble());
        Assert.Equal(2.32, moderation.GetProperty("gapScore").GetDouble());
        Assert.Equal(["Tags and tag proposals", "Tags and tag proposals"],
            topics[2..].Select(topic => topic.GetProperty("pages")[0].GetProperty("title").GetString()));

        Assert.Matches(@"challenge,", table);
        Assert.Contains("53 questions, 4 topics, 37 questions in no topic, 3 docs pages.", table, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
        Assert.True(exitCode == 0, error);
        return output;
    }
}

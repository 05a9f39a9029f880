using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport coverage set|show</c> and <c>rapport report coverage</c> through the real process.</summary>
public sealed class CoverageCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_coverage_file_is_set_shown_and_reported_and_a_wrong_one_names_its_line()
    {
        File.WriteAllText(_directory.File("traffic.jsonl"),
            """
            {"type":"identify","messageId":"i1","userId":"ada","traits":{"language":"csharp"},"timestamp":"2026-03-02T10:00:00Z"}
            {"type":"track","messageId":"q1","userId":"bob","event":"Question Asked","properties":{"title":"Typing hints","tags":["python"]},"timestamp":"2026-03-03T10:00:00Z"}

            """);
        File.WriteAllText(_directory.File("wrong.json"), "{\"dimensions\": {\n  \"language\": {\"python\": []},\n  \"language\": {\"go\": []}\n}}");
        File.WriteAllText(_directory.File("coverage.json"), """{"dimensions": {"language": {"python": ["py"], "csharp": ["c#"]}}}""");
        await RunAsync(0, "import", "segment", _directory.File("traffic.jsonl"));

        var wrong = await RunAsync(1, "coverage", "set", _directory.File("wrong.json"));
        var set = await RunAsync(0, "coverage", "set", _directory.File("coverage.json"));
        using var shown = JsonDocument.Parse((await RunAsync(0, "coverage", "show")).Output);
        using var report = JsonDocument.Parse((await RunAsync(0, "report", "coverage", "--json")).Output);
        var table = await RunAsync(0, "report", "coverage");

        Assert.Equal($"{_directory.File("wrong.json")}:3: the dimension \"language\" is there twice", wrong.Error.Trim());
        Assert.Equal("1 dimensions set: language (2 values)", set.Output.Trim());
        Assert.Equal(["language"], shown.RootElement.GetProperty("keys").GetProperty("language").GetProperty("traits").EnumerateArray().Select(key => key.GetString()));
        // Ada uses csharp (1 of 1 developer), Bob asked about python (1 of 1 question): each cell is half the demand, and
        // with no content at all both are under-served.
        var cells = report.RootElement.GetProperty("dimensions")[0].GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal([("python", 0, 1, 0.5), ("csharp", 1, 0, 0.5)], cells.Select(cell => (
            cell.GetProperty("value").GetString(), cell.GetProperty("developers").GetInt32(), cell.GetProperty("questions").GetInt32(),
            cell.GetProperty("demandShare").GetDouble())));
        Assert.Equal(2, report.RootElement.GetProperty("underServed").GetArrayLength());
        // The table's lines wrap at the console's width: the start of each under-served line is on one line.
        Assert.Contains("Under-served language python: 1 question", table.Output, StringComparison.Ordinal);
        Assert.Contains("Under-served language csharp: 1 developer", table.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private async Task<(string Output, string Error)> RunAsync(int expectedExit, params string[] arguments)
    {
        var (exitCode, output, error) = await RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
        Assert.True(exitCode == expectedExit, $"exit {exitCode}: {error}");
        return (output, error);
    }
}

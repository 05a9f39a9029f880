using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport import stackexchange</c> and <c>rapport import questions</c>, run as a user runs them.</summary>
public sealed class QuestionImportCommandTests : IDisposable
{
    private const string Site = "conlang.meta.stackexchange.com";
    private readonly TemporaryDirectory _directory = new();
    private readonly string _dump = Path.Combine(AppContext.BaseDirectory, "TestData", Site);

    [Fact]
    public async Task A_dump_named_after_its_site_imports_and_a_second_import_adds_nothing()
    {
        var first = await RunAsync("import", "stackexchange", _dump);
        var second = await RunAsync("import", "stackexchange", _dump);

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"questions asked\s*│\s*54", first.Output);
        Assert.Matches(@"answers\s*│\s*109", first.Output);
        Assert.Matches(@"accepted answers\s*│\s*10", first.Output);
        Assert.Matches(@"comments\s*│\s*216", first.Output);
        Assert.Matches(@"activities stored \(new\)\s*│\s*389", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"activities stored \(new\)\s*│\s*0", second.Output);
        Assert.Matches(@"duplicates skipped\s*│\s*454", second.Output);
        using var member = JsonDocument.Parse((await RunAsync("members", "show", $"stackexchange:{Site}/14", "--json")).Output);
        Assert.Equal("bytebuster", member.RootElement.GetProperty("name").GetString());
        Assert.Equal("scale", member.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_dump_whose_directory_does_not_name_its_site_needs_site()
    {
        var copy = Directory.CreateDirectory(_directory.File("dump")).FullName;
        foreach (var file in Directory.GetFiles(_dump, "*.xml"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var refused = await RunAsync("import", "stackexchange", copy);
        var imported = await RunAsync("import", "stackexchange", copy, "--site", Site);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"rapport: cannot tell which site {copy} comes from (user ids are per site); name it with --site HOST", refused.Error);
        Assert.Equal(0, imported.ExitCode);
        Assert.Matches(@"activities stored \(new\)\s*│\s*389", imported.Output);
    }

    [Fact]
    public async Task A_truncated_posts_file_names_the_file_and_line_and_stores_nothing()
    {
        var copy = Directory.CreateDirectory(_directory.File(Site)).FullName;
        foreach (var file in Directory.GetFiles(_dump, "*.xml"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var posts = Path.Combine(copy, "Posts.xml");
        var lines = File.ReadAllLines(posts);
        File.WriteAllLines(posts, lines[..100]);

        var import = await RunAsync("import", "stackexchange", copy);
        var stats = await RunAsync("stats", "--json");

        Assert.Equal(1, import.ExitCode);
        Assert.StartsWith($"{posts}:101: malformed XML: Unexpected end of file", import.Error);
        using var json = JsonDocument.Parse(stats.Output);
        Assert.Equal(0, json.RootElement.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task A_questions_csv_with_a_bad_date_stops_at_the_rows_first_line_unless_told_to_skip()
    {
        var csv = _directory.File("tickets.csv");
        await File.WriteAllTextAsync(csv, """
            Ticket ID,Subject,Description,Requester Email,Created At,First Response At
            1,Rotate a key?,"How do I
            rotate a key?",ada@example.com,2026-03-01T10:00:00Z,2026-03-01T10:05:00Z
            2,Retry?,"Does the SDK
            retry?",grace@example.com,someday,
            3,Hello,Hi,ken@example.com,2026-03-03,
            """, TestContext.Current.CancellationToken);

        var stopped = await RunAsync("import", "questions", csv);
        var statsAfterStop = await RunAsync("stats", "--json");
        var skipped = await RunAsync("import", "questions", csv, "--skip-invalid");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Equal($"{csv}:4: created \"someday\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)", stopped.Error.Trim());
        using (var json = JsonDocument.Parse(statsAfterStop.Output))
        {
            Assert.Equal(0, json.RootElement.GetProperty("activities").GetInt64());
        }

        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains($"{csv}:4: created \"someday\"", skipped.Error);
        Assert.Matches(@"questions stored \(new\)\s*│\s*2", skipped.Output);
        Assert.Matches(@"rows rejected\s*│\s*1", skipped.Output);
    }

    [Fact]
    public async Task A_column_override_names_the_header_to_read()
    {
        var csv = _directory.File("forum.csv");
        await File.WriteAllTextAsync(csv, "Topic,Posted,Author\nWhy does auth fail?,2026-03-01,ada@example.com\n", TestContext.Current.CancellationToken);

        var refused = await RunAsync("import", "questions", csv);
        var imported = await RunAsync("import", "questions", csv, "--column", "title=Topic", "--column", "created=posted", "--column", "email=Author");

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith($"{csv}:1: no column for created; looked for created, created_at, date", refused.Error);
        Assert.Equal(0, imported.ExitCode);
        Assert.Matches(@"questions stored \(new\)\s*│\s*1", imported.Output);
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport import members</c>, <c>export members</c>, <c>members suggestions|merge|unmerge|merges|undo-merge</c> and <c>orgs list</c>, run as a user runs them.</summary>
public sealed class MemberCommandTests : IDisposable
{
    private const string People = """
        Email,GitHub,Name,Company,Tags
        ada@analytical.io,,Ada Lovelace,,champion
        ,ada-l,Ada Lovelace,,
        grace@navy.mil,grace-h,Grace Hopper,US Navy,speaker; hero
        """;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_bad_row_stops_the_import_at_its_line_and_stores_nothing()
    {
        var csv = _directory.File("people.csv");
        await File.WriteAllTextAsync(csv, People + "\nken.bell-labs.com,,Ken,,\n", TestContext.Current.CancellationToken);

        var stopped = await RunAsync("import", "members", csv);
        var stats = await RunAsync("stats", "--json");
        var skipped = await RunAsync("import", "members", csv, "--skip-invalid");

        Assert.Equal(1, stopped.ExitCode);
        Assert.Equal($"{csv}:5: Email: 'ken.bell-labs.com' is not an email address", stopped.Error.Trim());
        using (var json = JsonDocument.Parse(stats.Output))
        {
            Assert.Equal(0, json.RootElement.GetProperty("developers").GetInt64());
        }

        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains($"{csv}:5: Email: 'ken.bell-labs.com'", skipped.Error);
        Assert.Matches(@"developers created\s*│\s*3", skipped.Output);
        Assert.Matches(@"rows rejected\s*│\s*1", skipped.Output);
    }

    [Fact]
    public async Task Suggestions_merge_unmerge_and_undo_from_the_command_line()
    {
        var csv = _directory.File("people.csv");
        await File.WriteAllTextAsync(csv, People, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync("import", "members", csv)).ExitCode);

        var suggestions = await RunAsync("members", "suggestions", "--json");
        using (var json = JsonDocument.Parse(suggestions.Output))
        {
            var suggestion = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(("same-name", "both are named Ada Lovelace"), (suggestion.GetProperty("rule").GetString(), suggestion.GetProperty("reason").GetString()));
        }

        var merged = await RunAsync("members", "suggestions", "accept", "1", "--by", "devrel@example.com");
        var unmerged = await RunAsync("members", "unmerge", "github:grace-h", "--reason", "two people");
        var refused = await RunAsync("members", "merge", "email:ada@analytical.io", "github:ada-l");
        var history = await RunAsync("members", "merges", "--json");
        var undone = await RunAsync("members", "undo-merge", "1");
        var organizations = await RunAsync("orgs", "list", "--json");

        Assert.Equal(0, merged.ExitCode);
        Assert.Contains("Merged developer #2 (github:ada-l) into #1 as merge 1; rapport members undo-merge 1 undoes it.", merged.Output);
        Assert.Equal(0, unmerged.ExitCode);
        Assert.Contains("Split github:grace-h out of developer #3: it is developer #4 now", unmerged.Output);
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("rapport: email:ada@analytical.io and github:ada-l are already one developer (#1)", refused.Error.Trim());
        using (var json = JsonDocument.Parse(history.Output))
        {
            var merge = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal(("devrel@example.com", "suggestion 1: both are named Ada Lovelace"), (merge.GetProperty("mergedBy").GetString(), merge.GetProperty("reason").GetString()));
        }

        Assert.Equal(0, undone.ExitCode);
        Assert.Contains("Undid merge 1: developer #2 is apart from #1 again", undone.Output);
        using (var json = JsonDocument.Parse(organizations.Output))
        {
            Assert.Equal(["analytical.io", "US Navy"], json.RootElement.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task An_export_imports_into_an_empty_store_as_the_same_developers()
    {
        var csv = _directory.File("people.csv");
        await File.WriteAllTextAsync(csv, People, TestContext.Current.CancellationToken);
        await RunAsync("import", "members", csv);
        var exported = _directory.File("exported.csv");

        var export = await RunAsync("export", "members", exported);
        var import = await RapportProcess.RunAsync(_directory.Path, "--db", _directory.File("copy.duckdb"), "import", "members", exported);
        var again = await RapportProcess.RunAsync(_directory.Path, "--db", _directory.File("copy.duckdb"), "export", "members", "-");

        Assert.Equal(0, export.ExitCode);
        Assert.Equal("Exported 3 developers to " + exported + ".", export.Error.Trim());
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken), again.Output);
        Assert.Equal(
            "email,github,name,company,organization,tags,stage",
            again.Output.Split("\r\n")[0]);
        Assert.Equal("grace@navy.mil,grace-h,Grace Hopper,US Navy,US Navy,hero; speaker,", again.Output.Split("\r\n")[3]);
        Assert.False(File.Exists(exported + ".partial"));
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

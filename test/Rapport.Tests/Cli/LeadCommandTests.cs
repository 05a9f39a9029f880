using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary>
/// <c>rapport leads</c> run as a process on a real DuckDB file holding <c>TestData/leads.jsonl</c>: Acme with three
/// developers at Build, Initech with two, Globex (a company trait) with one at Scale, three free-mail developers at
/// Build and Lu, on free mail, at Scale.
/// </summary>
public sealed class LeadCommandTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    public async ValueTask InitializeAsync()
    {
        var imported = await RunAsync("import", "segment", Path.Combine(AppContext.BaseDirectory, "TestData", "leads.jsonl"));
        Assert.True(imported.ExitCode == 0, imported.Error);
    }

    [Fact]
    public async Task Refresh_finds_the_leads_and_list_shows_them_with_reasons_developers_and_status()
    {
        var refreshed = await RunAsync("leads", "refresh");
        var again = await RunAsync("leads", "refresh");
        var listed = await RunAsync("leads", "list", "--json");

        Assert.True(refreshed.ExitCode == 0, refreshed.Error);
        Assert.StartsWith("3 leads qualify; 3 new, 0 no longer qualify.", refreshed.Output, StringComparison.Ordinal);
        Assert.StartsWith("3 leads qualify; 0 new, 0 no longer qualify.", again.Output, StringComparison.Ordinal);
        using var leads = JsonDocument.Parse(listed.Output);
        Assert.Equal(
            ["3 Globex organization", "2 acme.io organization", "1 Lu developer"],
            leads.RootElement.EnumerateArray().Select(lead => $"{lead.GetProperty("id")} {lead.GetProperty("name")} {lead.GetProperty("kind")}"));
        var acme = leads.RootElement[1];
        Assert.Equal("3 developers at build or beyond (3 needed); 1 developer at scale (1 needed)", acme.GetProperty("reason").GetString());
        Assert.Equal(["Ada scale", "Bob build", "Cy build"],
            acme.GetProperty("developers").EnumerateArray().Select(d => $"{d.GetProperty("name")} {d.GetProperty("stage")}"));
        Assert.Equal("new", acme.GetProperty("status").GetString());
        Assert.True(acme.GetProperty("qualifies").GetBoolean());
    }

    [Fact]
    public async Task Update_sets_the_status_with_a_note_and_who_and_list_filters_by_it()
    {
        await RunAsync("leads", "refresh");

        var updated = await RunAsync("leads", "update", "2", "--status", "handed-off", "--note", "Intro to Sam in sales", "--by", "ada@devrel.example");
        var handedOff = await RunAsync("leads", "list", "--status", "handed_off", "--json");
        var fresh = await RunAsync("leads", "list", "--status", "new", "--json");

        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.Contains("Lead 2 (acme.io) is now handed_off.", updated.Output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(handedOff.Output);
        var lead = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(("handed_off", "Intro to Sam in sales", "ada@devrel.example"),
            (lead.GetProperty("status").GetString(), lead.GetProperty("note").GetString(), lead.GetProperty("statusChangedBy").GetString()));
        Assert.Equal(1, lead.GetProperty("history").GetArrayLength());
        using var others = JsonDocument.Parse(fresh.Output);
        Assert.Equal([3, 1], others.RootElement.EnumerateArray().Select(l => l.GetProperty("id").GetInt32()));
    }

    [Theory]
    [InlineData("99", "accepted", "rapport: workspace 'default' has no lead 99; rapport leads list shows them")]
    [InlineData("1", "sold", "rapport: 'sold' is not a lead status: use new, handed_off, accepted or rejected")]
    public async Task Update_of_an_unknown_lead_or_to_an_unknown_status_is_refused(string id, string status, string error)
    {
        await RunAsync("leads", "refresh");

        var updated = await RunAsync("leads", "update", id, "--status", status);

        Assert.Equal(1, updated.ExitCode);
        Assert.Equal(error, updated.Error.Trim());
        using var leads = JsonDocument.Parse((await RunAsync("leads", "list", "--json")).Output);
        Assert.All(leads.RootElement.EnumerateArray(), lead => Assert.Equal("new", lead.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Export_writes_every_lead_as_csv_to_a_file_or_standard_output()
    {
        await RunAsync("leads", "refresh");
        await RunAsync("leads", "update", "1", "--status", "rejected", "--note", "=HYPERLINK(\"x\")", "--by", "sam");

        var exported = await RunAsync("leads", "export", "leads.csv");
        var toStdout = await RunAsync("leads", "export", "-", "--status", "rejected");

        Assert.True(exported.ExitCode == 0, exported.Error);
        Assert.Contains("Wrote 3 leads to leads.csv", exported.Output, StringComparison.Ordinal);
        var rows = (await File.ReadAllTextAsync(_directory.File("leads.csv"), TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "id,name,kind,status,qualifies,reason,developers,developer_list,first_qualified_at,lapsed_at,status_changed_by,status_changed_at,note",
            rows[0]);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("2,acme.io,organization,new,yes,3 developers at build or beyond (3 needed); 1 developer at scale (1 needed),3,Ada (scale); Bob (build); Cy (build),",
            rows[2], StringComparison.Ordinal);
        var rejected = toStdout.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rejected.Length);
        Assert.StartsWith("1,Lu,developer,rejected,yes,", rejected[1], StringComparison.Ordinal);
        // A note that a spreadsheet would run as a formula is escaped.
        Assert.Contains(",sam,", rejected[1], StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK(", rejected[1], StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", rejected[1], StringComparison.Ordinal);
        Assert.False(File.Exists(_directory.File("leads.csv.partial")));
    }

    [Fact]
    public async Task Criteria_set_refuses_a_bad_file_by_line_and_changes_nothing_then_a_good_one_applies_at_once()
    {
        await RunAsync("leads", "refresh");
        await File.WriteAllTextAsync(_directory.File("bad.json"), "{\n  \"rules\": [\n    {\"developers\": 2, \"stage\": \"production\"}\n  ]\n}\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_directory.File("good.json"), """{"rules": [{"developers": 2, "stage": "build"}], "developersWithoutOrganization": false}""", TestContext.Current.CancellationToken);

        var bad = await RunAsync("leads", "criteria", "set", "bad.json");
        var unchanged = await RunAsync("leads", "criteria", "show", "--json");
        var good = await RunAsync("leads", "criteria", "set", "good.json");
        var shown = await RunAsync("leads", "criteria", "show");

        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("bad.json:3: \"stage\" must be one of discover, evaluate, learn, build, scale", bad.Error.Trim());
        Assert.Contains("\"developers\": 3", unchanged.Output, StringComparison.Ordinal);
        Assert.True(good.ExitCode == 0, good.Error);
        // Initech's two at Build now qualify; Globex's one at Scale and Lu alone no longer do.
        Assert.Contains("2 leads qualify; 1 new, 2 no longer qualify.", good.Output, StringComparison.Ordinal);
        Assert.Contains("new lead 4: initech.io", good.Output, StringComparison.Ordinal);
        Assert.Contains("at least 2 of its developers at build or beyond", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Developers with no known organization are never leads.", shown.Output, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary><c>rapport community</c>, <c>rapport outreach</c> and <c>rapport report levels</c>, run as processes on a real DuckDB file.</summary>
public sealed class CommunityCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    /// <summary>Eve went quiet three weeks ago at Learn; Ada gave two talks yesterday.</summary>
    private async Task ImportAsync()
    {
        var day = DateTime.UtcNow.Date;
        string Track(string id, string user, string type, DateTime at) =>
            $$"""{"type":"track","messageId":"{{id}}","userId":"{{user}}","event":"{{type}}","timestamp":"{{at:yyyy-MM-dd}}T09:00:00Z"}""";
        await File.WriteAllLinesAsync(_directory.File("people.jsonl"),
        [
            """{"type":"identify","messageId":"i1","userId":"eve","traits":{"firstName":"Eve","email":"eve@example.com"},"timestamp":"2026-01-01T00:00:00Z"}""",
            Track("e1", "eve", "Tutorial Started", day.AddDays(-24)), Track("e2", "eve", "Tutorial Started", day.AddDays(-23)),
            Track("e3", "eve", "Tutorial Started", day.AddDays(-22)),
            Track("a1", "ada", "Talk Given", day.AddDays(-1)), Track("a2", "ada", "Talk Given", day.AddDays(-1)),
        ], TestContext.Current.CancellationToken);
        var imported = await RunAsync("import", "segment", "people.jsonl");
        Assert.True(imported.ExitCode == 0, imported.Error);
    }

    [Fact]
    public async Task Refresh_creates_a_stalled_task_that_list_prints_as_JSON_and_update_changes()
    {
        await ImportAsync();

        var refresh = await RunAsync("outreach", "refresh", "--json");
        var again = await RunAsync("outreach", "refresh", "--json");
        var list = await RunAsync("outreach", "list", "--status", "open", "--reason", "stalled", "--json");

        Assert.True(refresh.ExitCode == 0, refresh.Error);
        using (var result = JsonDocument.Parse(refresh.Output))
        {
            Assert.Equal(2, result.RootElement.GetProperty("members").GetInt64());
            // Ada's two talks make her active with advocacy: a hero candidate.
            Assert.Equal(["stalled", "hero_candidate"], result.RootElement.GetProperty("tasksCreated").EnumerateArray().Select(t => t.GetProperty("reason").GetString()));
            Assert.Equal(["learn"], result.RootElement.GetProperty("becameStalled").EnumerateArray().Select(t => t.GetProperty("stage").GetString()));
        }

        using (var result = JsonDocument.Parse(again.Output))
        {
            Assert.Equal(0, result.RootElement.GetProperty("tasksCreated").GetArrayLength());
        }

        using (var tasks = JsonDocument.Parse(list.Output))
        {
            var task = Assert.Single(tasks.RootElement.EnumerateArray().ToArray());
            Assert.Equal(1, task.GetProperty("id").GetInt64());
            Assert.Equal("stalled", task.GetProperty("reason").GetString());
            Assert.Equal("open", task.GetProperty("status").GetString());
            Assert.Equal("learn", task.GetProperty("stage").GetString());
            Assert.Equal(DateTime.UtcNow.Date, task.GetProperty("createdAt").GetDateTime().Date);
            Assert.Equal(["email:eve@example.com", "user:eve"], task.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
            Assert.StartsWith("Hey Eve, I saw you were using our product and then stopped at the getting-started guide", task.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var update = await RunAsync("outreach", "update", "1", "--status", "done", "--assignee", "lead@example.com", "--note", "Answered on Discord", "--by", "lead", "--json");
        Assert.True(update.ExitCode == 0, update.Error);
        using (var task = JsonDocument.Parse(update.Output))
        {
            Assert.Equal("done", task.RootElement.GetProperty("status").GetString());
            Assert.Equal("lead@example.com", task.RootElement.GetProperty("assignee").GetString());
            Assert.Equal("lead", task.RootElement.GetProperty("notes")[0].GetProperty("author").GetString());
        }

        Assert.Equal("[]", (await RunAsync("outreach", "list", "--status", "open", "--reason", "stalled", "--json")).Output.Trim());
        var wrong = await RunAsync("outreach", "update", "1", "--status", "finished");
        Assert.Equal((1, "rapport: --status \"finished\" is not a status; use open, snoozed, done, dismissed"), (wrong.ExitCode, wrong.Error.Trim()));
        var missing = await RunAsync("outreach", "update", "7", "--status", "done");
        Assert.Equal((1, "rapport: there is no outreach task 7 in workspace 'default'"), (missing.ExitCode, missing.Error.Trim()));
    }

    [Fact]
    public async Task Report_levels_and_members_show_explain_levels_and_a_hand_named_hero_counts()
    {
        await ImportAsync();
        await RunAsync("outreach", "refresh");
        var hero = await RunAsync("community", "hero", "add", "user:eve", "--reason", "Runs the Lisbon meetup", "--by", "lead");
        var recognized = await RunAsync("community", "recognize", "user:eve", "--kind", "swag", "--date", "2026-03-01", "--note", "Hoodie");

        var levels = await RunAsync("report", "levels", "--json");
        var ada = await RunAsync("members", "show", "user:ada", "--json");
        var eve = await RunAsync("members", "show", "user:eve", "--json");

        Assert.True(hero.ExitCode == 0 && recognized.ExitCode == 0, hero.Error + recognized.Error);
        using (var report = JsonDocument.Parse(levels.Output))
        {
            var current = report.RootElement.GetProperty("current");
            Assert.Equal((0, 1, 1), (current.GetProperty("passive").GetInt64(), current.GetProperty("active").GetInt64(), current.GetProperty("hero").GetInt64()));
            Assert.Equal(12, report.RootElement.GetProperty("months").GetArrayLength());
        }

        using (var member = JsonDocument.Parse(ada.Output))
        {
            var community = member.RootElement.GetProperty("community");
            Assert.Equal("active", community.GetProperty("level").GetString());
            var top = community.GetProperty("topContributions")[0];
            Assert.Equal(("Talk Given", 30, 2), (top.GetProperty("type").GetString(), top.GetProperty("weight").GetDouble(), top.GetProperty("activities").GetInt64()));
        }

        using (var member = JsonDocument.Parse(eve.Output))
        {
            var community = member.RootElement.GetProperty("community");
            Assert.Equal(("hero", "passive"), (community.GetProperty("level").GetString(), community.GetProperty("scoreLevel").GetString()));
            Assert.Equal(("lead", "Runs the Lisbon meetup"),
                (community.GetProperty("nomination").GetProperty("by").GetString(), community.GetProperty("nomination").GetProperty("reason").GetString()));
        }

        var log = await RunAsync("community", "recognitions", "--json");
        using var recognitions = JsonDocument.Parse(log.Output);
        Assert.Equal(("swag", "2026-03-01", "Hoodie"), (recognitions.RootElement[0].GetProperty("kind").GetString(),
            recognitions.RootElement[0].GetProperty("givenOn").GetString(), recognitions.RootElement[0].GetProperty("note").GetString()));
    }

    [Fact]
    public async Task A_community_file_with_a_mistake_is_refused_with_its_line_and_changes_nothing()
    {
        await ImportAsync();
        var before = (await RunAsync("community", "show", "--json")).Output;
        await File.WriteAllTextAsync(_directory.File("broken.json"), "{\n  \"levels\": {\n    \"hero\": 50,,\n  }\n}\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_directory.File("invalid.json"), """{"outreach": {"templates": {"stalled": "Hi {first}"}}}""", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_directory.File("good.json"), """{"levels": {"active": 5, "hero": 50}}""", TestContext.Current.CancellationToken);

        var broken = await RunAsync("community", "set", "broken.json");
        var invalid = await RunAsync("community", "set", "invalid.json");

        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("rapport: broken.json:3: not a community configuration:", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.StartsWith("rapport: invalid.json: the template \"Hi {first}\" has the unknown placeholder {first}", invalid.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await RunAsync("community", "show", "--json")).Output);

        var good = await RunAsync("community", "set", "good.json");
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("2 members re-derived", good.Output, StringComparison.Ordinal);
        Assert.Contains("\"active\": 5", (await RunAsync("community", "show", "--json")).Output, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

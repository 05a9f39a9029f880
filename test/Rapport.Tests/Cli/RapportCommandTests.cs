using System.Text.Json;

namespace Rapport.Tests.Cli;

/// <summary>The built <c>rapport</c> executable, run as a process on real files, as a user runs it.</summary>
public sealed class RapportCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _journey = Path.Combine(AppContext.BaseDirectory, "TestData", "journey.jsonl");

    [Fact]
    public async Task Import_then_funnel_reports_developers_per_stage_with_conversion_and_median_days()
    {
        var import = await RunAsync("import", "segment", _journey);
        Assert.Equal(0, import.ExitCode);
        Assert.Matches(@"messages read\s*│\s*11", import.Output);
        Assert.Matches(@"duplicates skipped\s*│\s*1", import.Output);
        Assert.Matches(@"activities stored\s*│\s*8", import.Output);

        var funnel = await RunAsync("report", "funnel", "--json");
        Assert.Equal(0, funnel.ExitCode);
        AssertFunnel(funnel.Output,
            ("discover", 4, null, null),
            ("evaluate", 3, 0.75, 2.0),
            ("learn", 2, 0.6667, 1.0),
            ("build", 2, 1.0, 2.0),
            ("scale", 1, 0.5, 0.0));
    }

    [Fact]
    public async Task Funnel_counts_only_developers_whose_first_activity_falls_in_the_range()
    {
        await RunAsync("import", "segment", _journey);

        AssertFunnel((await RunAsync("report", "funnel", "--json", "--from", "2026-02-01")).Output,
            ("discover", 2, null, null),
            ("evaluate", 1, 0.5, 0.0),
            ("learn", 1, 1.0, 0.0),
            ("build", 1, 1.0, 0.0),
            ("scale", 1, 1.0, 0.0));
        AssertFunnel((await RunAsync("report", "funnel", "--json", "--to", "2026-01-31")).Output,
            ("discover", 2, null, null),
            ("evaluate", 2, 1.0, 2.0),
            ("learn", 1, 0.5, 2.0),
            ("build", 1, 1.0, 4.0),
            ("scale", 0, 0.0, null));
    }

    [Fact]
    public async Task Members_show_finds_a_developer_by_any_identity_with_stage_history()
    {
        await RunAsync("import", "segment", _journey);

        var shown = await RunAsync("members", "show", "github:Ada-L", "--json");

        Assert.Equal(0, shown.ExitCode);
        using var member = JsonDocument.Parse(shown.Output);
        var root = member.RootElement;
        Assert.Equal("Ada Lovelace", root.GetProperty("name").GetString());
        Assert.Equal(
            ["anonymous:visitor-ada", "email:ada@example.com", "github:ada-l", "user:ada"],
            root.GetProperty("identities").EnumerateArray().Select(identity => identity.GetString()!).ToArray());
        Assert.Equal("build", root.GetProperty("stage").GetString());
        Assert.Equal("2026-01-05T09:00:00Z", root.GetProperty("stagesReached").GetProperty("learn").GetString());
        Assert.Equal(4, root.GetProperty("activityCount").GetInt64());
        Assert.Equal("Analytical Engines", root.GetProperty("traits").GetProperty("company").GetString());
    }

    [Fact]
    public async Task A_noreply_email_also_identifies_the_github_login()
    {
        await RunAsync("import", "segment", _journey);

        var shown = await RunAsync("members", "show", "github:kent", "--json");

        Assert.Equal(0, shown.ExitCode);
        using var member = JsonDocument.Parse(shown.Output);
        Assert.Equal("scale", member.RootElement.GetProperty("stage").GetString());
        Assert.Contains("user:ken", member.RootElement.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task Stats_counts_developers_identities_and_activities()
    {
        await RunAsync("import", "segment", _journey);

        var stats = await RunAsync("stats", "--json");

        using var document = JsonDocument.Parse(stats.Output);
        var root = document.RootElement;
        Assert.Equal(4, root.GetProperty("developers").GetInt64());
        Assert.Equal(3, root.GetProperty("identifiedDevelopers").GetInt64());
        Assert.Equal(1, root.GetProperty("anonymousDevelopers").GetInt64());
        Assert.Equal(8, root.GetProperty("activities").GetInt64());
        var identities = root.GetProperty("identities");
        Assert.Equal(3, identities.GetProperty("anonymous").GetInt64());
        Assert.Equal(3, identities.GetProperty("user").GetInt64());
        Assert.Equal(3, identities.GetProperty("email").GetInt64());
        Assert.Equal(2, identities.GetProperty("github").GetInt64());
        var top = root.GetProperty("topActivityTypes")[0];
        Assert.Equal("page", top.GetProperty("type").GetString());
        Assert.Equal(3, top.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_malformed_line_stops_the_import_naming_file_and_line_and_stores_nothing()
    {
        var file = _directory.File("events.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"type":"track","userId":"1","event":"Signed Up","messageId":"a"}""",
            """{"type":"track","userId":"2","event":"Signed Up","messageId":"b"}""",
            """{"type":"track","userId":"3","event":"Signed Up","timestamp":"last tuesday"}""",
        ], TestContext.Current.CancellationToken);

        var import = await RunAsync("import", "segment", file);

        Assert.Equal(1, import.ExitCode);
        Assert.Equal($"{file}:3: timestamp: 'last tuesday' is not an ISO 8601 timestamp", import.Error.Trim());
        using var stats = JsonDocument.Parse((await RunAsync("stats", "--json")).Output);
        Assert.Equal(0, stats.RootElement.GetProperty("developers").GetInt64());
        Assert.Equal(0, stats.RootElement.GetProperty("activities").GetInt64());
        Assert.Empty(stats.RootElement.GetProperty("identities").EnumerateObject());
    }

    [Fact]
    public async Task Skip_invalid_imports_the_rest_and_lists_each_rejected_line()
    {
        var file = _directory.File("events.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"type":"track","userId":"1","event":"Signed Up","messageId":"a"}""",
            """{"type":"launch","userId":"2","messageId":"b"}""",
            """{"type":"track","event":"Signed Up","messageId":"c"}""",
            """{"type":"track","userId":"4","event":"Signed Up","messageId":"d"}""",
        ], TestContext.Current.CancellationToken);

        var import = await RunAsync("import", "segment", file, "--skip-invalid");

        Assert.Equal(0, import.ExitCode);
        var rejected = import.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rejected.Length);
        Assert.StartsWith($"{file}:2: type: unknown message type 'launch'", rejected[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:3: userId: a message needs a userId or an anonymousId", rejected[1], StringComparison.Ordinal);
        using var stats = JsonDocument.Parse((await RunAsync("stats", "--json")).Output);
        Assert.Equal(2, stats.RootElement.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Journey_set_re_derives_stages_and_show_prints_the_map_back()
    {
        await RunAsync("import", "segment", _journey);
        var map = _directory.File("journey.json");
        await File.WriteAllTextAsync(map, """
            {"stages": {"discover": ["page"], "evaluate": ["Signed Up"], "learn": [], "build": ["API *"], "scale": []}, "stalledAfterDays": 21}
            """, TestContext.Current.CancellationToken);

        var set = await RunAsync("journey", "set", map);
        var shown = await RunAsync("journey", "show", "--json");
        var funnel = await RunAsync("report", "funnel", "--json");

        Assert.Equal(0, set.ExitCode);
        using var document = JsonDocument.Parse(shown.Output);
        Assert.Equal(21, document.RootElement.GetProperty("stalledAfterDays").GetInt32());
        Assert.Equal(["API *"], document.RootElement.GetProperty("stages").GetProperty("build").EnumerateArray().Select(e => e.GetString()!).ToArray());
        AssertFunnel(funnel.Output,
            ("discover", 3, null, null),
            ("evaluate", 2, 0.6667, 2.0),
            ("learn", 1, 0.5, 6.0),
            ("build", 1, 1.0, 0.0),
            ("scale", 0, 0.0, null));
    }

    [Fact]
    public async Task An_invalid_journey_map_is_refused_with_the_reason_and_changes_nothing()
    {
        var map = _directory.File("journey.json");
        await File.WriteAllTextAsync(map, """{"stages": {"discovery": ["page"]}}""", TestContext.Current.CancellationToken);

        var set = await RunAsync("journey", "set", map);

        Assert.Equal(1, set.ExitCode);
        Assert.Contains("unknown stage \"discovery\"", set.Error, StringComparison.Ordinal);
        Assert.Contains(map, set.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_on_a_workspace_that_does_not_exist_say_so()
    {
        await RunAsync("import", "segment", _journey);

        var funnel = await RunAsync("--workspace", "other", "report", "funnel");

        Assert.Equal(1, funnel.ExitCode);
        Assert.Contains("there is no workspace 'other'", funnel.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_held_by_a_running_server_is_refused_with_the_likely_reason()
    {
        await RunAsync("import", "segment", _journey);
        using var server = await RapportServerProcess.StartAsync(_directory.Path, "--db", _directory.File("rapport.duckdb"));

        var stats = await RunAsync("stats");

        Assert.Equal(1, stats.ExitCode);
        Assert.Contains("is in use by another process (is `rapport serve` running on it?)", stats.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_a_store_at_the_latest_schema_and_changes_nothing_else()
    {
        var migrate = await RunAsync("migrate");

        Assert.Equal(0, migrate.ExitCode);
        var (version, name) = Storage.RapportStore.LatestSchema;
        Assert.Contains($"is at schema version {version} ({name})", string.Join(' ', migrate.Output.Split('\n', StringSplitOptions.TrimEntries)), StringComparison.Ordinal);
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={_directory.File("rapport.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(version), (SELECT count(*) FROM workspaces), (SELECT count(*) FROM activities) FROM schema_migrations";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(version, reader.GetInt32(0));
        Assert.Equal(0, reader.GetInt64(1));
        Assert.Equal(0, reader.GetInt64(2));
    }

    [Fact]
    public async Task Import_reads_standard_input_when_the_file_is_a_dash()
    {
        var result = await RapportProcess.RunShellAsync(_directory.Path,
            $"cat '{_journey}' | dotnet '{RapportProcess.ExecutablePath}' --db '{_directory.File("rapport.duckdb")}' import segment -");

        Assert.Equal(0, result.ExitCode);
        using var stats = JsonDocument.Parse((await RunAsync("stats", "--json")).Output);
        Assert.Equal(8, stats.RootElement.GetProperty("activities").GetInt64());
    }

    [Fact]
    public async Task Demo_creates_a_workspace_with_every_stage_reached_event_attendees_and_docs_gaps()
    {
        var demo = await RunAsync("demo", "--developers", "400", "--no-serve");

        Assert.Equal(0, demo.ExitCode);
        using var funnel = JsonDocument.Parse((await RunAsync("report", "funnel", "--json")).Output);
        var stages = funnel.RootElement.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(400, stages[0].GetProperty("developers").GetInt64());
        Assert.All(stages, stage => Assert.True(stage.GetProperty("developers").GetInt64() > 0, $"nobody reached {stage}"));
        Assert.All(stages.Skip(1), stage => Assert.True(stage.GetProperty("developers").GetInt64() < 400));

        // The three events' attendee lists are the demo's own developers, some of whom moved on afterwards; the traffic
        // ends at midnight, so these counts hold at any hour of the day.
        using var events = JsonDocument.Parse((await RunAsync("report", "events", "--json")).Output);
        Assert.Equal(
            [("Go meetup Berlin", 8L, 7L, 2L), ("SDKs in CI, live", 16L, 13L, 8L), ("DevRel Summit", 21L, 17L, 10L)],
            events.RootElement.GetProperty("events").EnumerateArray().Select(row => (row.GetProperty("name").GetString(),
                row.GetProperty("registered").GetInt64(), row.GetProperty("attended").GetInt64(), row.GetProperty("progressedWithin90Days").GetInt64())));
        // 186 questions in six topics against seven docs pages: pagination has no page and is the biggest gap.
        using var gaps = JsonDocument.Parse((await RunAsync("report", "docs-gaps", "--json")).Output);
        Assert.Equal((186, 7, 0), (gaps.RootElement.GetProperty("questions").GetInt32(), gaps.RootElement.GetProperty("docsPages").GetInt32(),
            gaps.RootElement.GetProperty("unclustered").GetInt32()));
        Assert.Equal(["pagination, cursor, item", "sdk, python, client", "rate, limit, rate-limits", "window, path, quickstart", "webhook, signature, typescript", "token, auth, expired"],
            gaps.RootElement.GetProperty("topics").EnumerateArray().Select(topic => topic.GetProperty("name").GetString()));
        // Python developers and questions, but no Python page: the one under-served language.
        using var coverage = JsonDocument.Parse((await RunAsync("report", "coverage", "--json")).Output);
        Assert.Equal([("python", 0L, 39L, 30L, true), ("typescript", 4L, 41L, 24L, false), ("csharp", 1L, 0L, 10L, false)],
            coverage.RootElement.GetProperty("dimensions")[0].GetProperty("cells").EnumerateArray().Select(cell => (cell.GetProperty("value").GetString(),
                cell.GetProperty("contentItems").GetInt64(), cell.GetProperty("developers").GetInt64(), cell.GetProperty("questions").GetInt64(),
                cell.GetProperty("underServed").GetBoolean())));
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);

    private static void AssertFunnel(string json, params (string Stage, long Developers, double? Conversion, double? MedianDays)[] expected)
    {
        using var document = JsonDocument.Parse(json);
        var stages = document.RootElement.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, stages.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var stage = stages[i];
            Assert.Equal(expected[i].Stage, stage.GetProperty("stage").GetString());
            Assert.Equal(expected[i].Developers, stage.GetProperty("developers").GetInt64());
            Assert.Equal(expected[i].Conversion, NullableDouble(stage.GetProperty("conversion")));
            Assert.Equal(expected[i].MedianDays, NullableDouble(stage.GetProperty("medianDaysFromPrevious")));
        }
    }

    private static double? NullableDouble(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();
}

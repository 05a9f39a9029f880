using System.Text.Json;

namespace Rapport.Tests.Events;

/// <summary><c>rapport events</c>, <c>rapport import attendees</c>, <c>rapport report events</c> and <c>rapport icp</c>, run as a user runs them.</summary>
public sealed class EventCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task An_event_is_added_edited_listed_and_shown()
    {
        var added = await RunAsync(
            "events", "add", "--name", "Lisbon .NET meetup", "--kind", "meetup", "--format", "in-person", "--starts", "2026-03-10",
            "--cost", "sponsorship:500:EUR", "--cost", "travel:100:eur", "--effort-hours", "10", "--audience", "dotnet");
        var edited = await RunAsync("events", "edit", "1", "--location", "Lisbon", "--json");
        var list = await RunAsync("events", "list");
        var missing = await RunAsync("events", "edit", "7", "--name", "x");
        var wrongKind = await RunAsync("events", "add", "--name", "x", "--kind", "party", "--format", "online", "--starts", "2026-03-10");

        Assert.Equal((0, "Added event 1: Lisbon .NET meetup\n"), (added.ExitCode, added.Output));
        using var json = JsonDocument.Parse(edited.Output);
        Assert.Equal("Lisbon", json.RootElement.GetProperty("location").GetString());
        Assert.Equal("in_person", json.RootElement.GetProperty("format").GetString());
        Assert.Contains("600 EUR", list.Output);
        Assert.Contains("10 h", list.Output);
        Assert.Equal((1, "rapport: there is no event 7 in workspace 'default'\n"), (missing.ExitCode, missing.Error));
        Assert.Equal(1, wrongKind.ExitCode);
        Assert.Equal("rapport: 'party' is not an event kind; the kinds are conference, workshop, meetup, podcast, livestream, webinar\n", wrongKind.Error);
    }

    [Fact]
    public async Task Attendees_import_once_and_the_events_report_counts_them_against_the_baselines()
    {
        await AddMeetupTrafficAsync();

        var first = await RunAsync("import", "attendees", _directory.File("guests.csv"), "--event", "1");
        var again = await RunAsync("import", "attendees", _directory.File("guests.csv"), "--event", "1");
        var report = await RunAsync("report", "events", "--json");
        var table = await RunAsync("report", "events");

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"registered\s*│\s*4", first.Output);
        Assert.Matches(@"checked in\s*│\s*3", first.Output);
        Assert.Matches(@"activities stored \(new\)\s*│\s*7", first.Output);
        Assert.Matches(@"activities stored \(new\)\s*│\s*0", again.Output);
        Assert.Matches(@"duplicates skipped\s*│\s*7", again.Output);
        using var json = JsonDocument.Parse(report.Output);
        var meetup = json.RootElement.GetProperty("events")[0];
        // Registered: Ada, Bob, Cyd, Dan; came: Ada, Bob, Dan; followed beyond the meetup: Ada, Dan; active after: both;
        // moved on within 30 days Ada, within 90 Ada and Dan; before the meetup Dan moved on. The peers at Discover (Cyd,
        // Gus) and Evaluate (Eve, Fay) moved on one in two each. docs/events.md works this example.
        Assert.Equal(
            (4L, 3L, 2L, 2L, 1L, 2L),
            (meetup.GetProperty("registered").GetInt64(), meetup.GetProperty("attended").GetInt64(), meetup.GetProperty("identified").GetInt64(),
                meetup.GetProperty("activeWithin30Days").GetInt64(), meetup.GetProperty("progressedWithin30Days").GetInt64(),
                meetup.GetProperty("progressedWithin90Days").GetInt64()));
        Assert.Equal(
            (0.6667, 0.3333, 0.5, 0.3333, 0.1667),
            (meetup.GetProperty("progressionRate90").GetDouble(), meetup.GetProperty("ownBaselineRate90").GetDouble(),
                meetup.GetProperty("peerBaselineRate90").GetDouble(), meetup.GetProperty("liftOverOwn90").GetDouble(),
                meetup.GetProperty("liftOverPeers90").GetDouble()));
        var eur = meetup.GetProperty("costs")[0];
        Assert.Equal(("EUR", 600m, 200m, 300m, 300m), (eur.GetProperty("currency").GetString(), eur.GetProperty("total").GetDecimal(),
            eur.GetProperty("perAttendee").GetDecimal(), eur.GetProperty("perEngagedDeveloper").GetDecimal(), eur.GetProperty("perProgression").GetDecimal()));
        Assert.Equal(0, table.ExitCode);
    }

    [Fact]
    public async Task A_bad_attendee_row_names_its_line_and_stores_nothing_unless_skipped()
    {
        await RunAsync("events", "add", "--name", "Webinar", "--kind", "webinar", "--format", "online", "--starts", "2026-03-12");
        var csv = _directory.File("bad.csv");
        await File.WriteAllTextAsync(csv, "Email,Checked In\nada@example.com,yes\n,yes\n", TestContext.Current.CancellationToken);

        var refused = await RunAsync("import", "attendees", csv, "--event", "1");
        var stats = await RunAsync("stats", "--json");
        var skipped = await RunAsync("import", "attendees", csv, "--event", "1", "--skip-invalid");
        var noEvent = await RunAsync("import", "attendees", csv, "--event", "5");

        Assert.Equal((1, $"{csv}:3: the email is empty: the attendee cannot be matched to a developer\n"), (refused.ExitCode, refused.Error));
        using var json = JsonDocument.Parse(stats.Output);
        Assert.Equal(0, json.RootElement.GetProperty("activities").GetInt64());
        Assert.Equal(0, skipped.ExitCode);
        Assert.Equal($"{csv}:3: the email is empty: the attendee cannot be matched to a developer (skipped)\n", skipped.Error);
        Assert.Matches(@"rows rejected\s*│\s*1", skipped.Output);
        Assert.Equal((1, "rapport: there is no event 5 in workspace 'default' (rapport events add)\n"), (noEvent.ExitCode, noEvent.Error));
    }

    [Fact]
    public async Task ICPs_are_set_from_a_file_shown_and_filter_the_funnel()
    {
        await AddMeetupTrafficAsync();
        await RunAsync("import", "attendees", _directory.File("guests.csv"), "--event", "1");
        var file = _directory.File("icps.json");
        await File.WriteAllTextAsync(file, """
            {"icps": [
              {"name": "acme", "description": "Developers at Acme", "rule": {"trait": "company", "equals": "Acme"}},
              {"name": "evaluators", "rule": {"activity": "Signed Up"}}
            ]}
            """, TestContext.Current.CancellationToken);
        var bad = _directory.File("bad-icps.json");
        await File.WriteAllTextAsync(bad, "{\"icps\": [\n  {\"name\": \"Has Spaces\", \"rule\": {\"trait\": \"role\"}}\n]}\n", TestContext.Current.CancellationToken);

        var set = await RunAsync("icp", "set", file);
        var show = await RunAsync("icp", "show", "--json");
        var funnel = await RunAsync("report", "funnel", "--icp", "acme", "--json");
        var unknown = await RunAsync("report", "funnel", "--icp", "nobody");
        var refused = await RunAsync("icp", "set", bad);

        Assert.Equal(0, set.ExitCode);
        // Dan works at Acme (the attendee list says so); Ada, Cyd, Dan, Eve and Fay signed up.
        Assert.Contains("acme: 1", set.Output);
        Assert.Contains("evaluators: 5", set.Output);
        using var summary = JsonDocument.Parse(show.Output);
        var acme = summary.RootElement.GetProperty("coverage")[0];
        Assert.Equal(("acme", 1L), (acme.GetProperty("name").GetString(), acme.GetProperty("members").GetInt64()));
        Assert.Equal(1, acme.GetProperty("stages").GetProperty("build").GetInt64());
        using var report = JsonDocument.Parse(funnel.Output);
        Assert.Equal([1L, 1, 1, 1, 0], report.RootElement.GetProperty("stages").EnumerateArray().Select(stage => stage.GetProperty("developers").GetInt64()));
        Assert.Equal((1, "rapport: there is no ICP 'nobody'; the ICPs are acme, evaluators\n"), (unknown.ExitCode, unknown.Error));
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith($"{bad}:2: an ICP's name is 1 to 64 lower-case letters", refused.Error);
    }

    /// <summary>
    /// The meetup of docs/events.md: the developers' own activity (by email), the event, and its attendee list.
    /// </summary>
    private async Task AddMeetupTrafficAsync()
    {
        static string Track(string who, string type, string day, string id) =>
            $$"""{"type":"track","messageId":"{{id}}","anonymousId":"{{who}}","event":"{{type}}","timestamp":"2026-{{day}}T00:00:00Z","context":{"traits":{"email":"{{who}}@example.com"} } }""";
        string[] traffic =
        [
            Track("ada", "page", "02-01", "a1"), Track("ada", "Signed Up", "03-15", "a2"), Track("ada", "Tutorial Started", "05-01", "a3"),
            Track("cyd", "page", "03-01", "c1"), Track("cyd", "Signed Up", "03-20", "c2"),
            Track("dan", "page", "01-05", "d1"), Track("dan", "Signed Up", "02-20", "d2"), Track("dan", "page", "03-25", "d3"), Track("dan", "API Called", "04-20", "d4"),
            Track("eve", "page", "01-10", "e1"), Track("eve", "Signed Up", "01-11", "e2"), Track("eve", "Tutorial Started", "03-30", "e3"),
            Track("fay", "page", "02-01", "f1"), Track("fay", "Signed Up", "02-02", "f2"),
            Track("gus", "page", "03-05", "g1"), Track("hal", "page", "03-12", "h1"),
        ];
        await File.WriteAllLinesAsync(_directory.File("traffic.jsonl"), traffic, TestContext.Current.CancellationToken);
        // Eventbrite's columns; Dan walked in and was added at the door, registered on the day.
        await File.WriteAllTextAsync(_directory.File("guests.csv"), """
            Order Date,First Name,Last Name,Email,Company,Checked In
            2026-03-01,Ada,Lovelace,ada@example.com,"Analytical Engines, Ltd",Yes
            2026-03-02,Bob,Builder,bob@example.com,,Yes
            2026-03-01,Cyd,Charisse,cyd@example.com,,No
            ,Dan,Dev,dan@example.com,Acme,Yes
            """, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await RunAsync("import", "segment", _directory.File("traffic.jsonl"))).ExitCode);
        Assert.Equal(0, (await RunAsync(
            "events", "add", "--name", "Lisbon .NET meetup", "--kind", "meetup", "--format", "in_person", "--starts", "2026-03-10",
            "--cost", "sponsorship:500:EUR", "--cost", "travel:100:EUR", "--effort-hours", "10")).ExitCode);
    }

    public void Dispose() => _directory.Dispose();

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RapportProcess.RunAsync(_directory.Path, ["--db", _directory.File("rapport.duckdb"), .. arguments]);
}

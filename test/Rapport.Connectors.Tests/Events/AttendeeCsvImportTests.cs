using System.Text;
using Rapport.Connectors.Events;
using Rapport.Connectors.Segment;
using Rapport.Core.Events;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Connectors.Tests.Events;

/// <summary>Attendee lists read and imported into a real DuckDB store.</summary>
public sealed class AttendeeCsvImportTests : IAsyncLifetime
{
    // As Eventbrite exports it: first and last name apart, a company with a comma in quotes, "Checked In" yes/no.
    private const string Eventbrite =
        """
        Order Date,First Name,Last Name,Email,Company,Checked In
        2026-03-01 10:00:00,Ada,Lovelace,Ada@Example.com,"Analytical Engines, Ltd",Yes
        2026-03-02 11:30:00,Bob,Builder,bob@example.com,,No
        2026-03-03 09:00:00,Dan,Dev,dan@example.com,Acme,2026-03-10T18:30:00Z
        """;

    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"))).FullName;
    private IRapportStore _store = null!;
    private Workspace _workspace = null!;
    private DevRelEvent _meetup = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = RapportStore.Open(Path.Combine(_directory, "rapport.duckdb"), TimeProvider.System);
        _workspace = await _store.GetOrCreateWorkspaceAsync(Workspace.DefaultSlug, Token);
        _meetup = await _store.AddEventAsync(_workspace, new EventFields
        {
            Name = "Lisbon .NET meetup",
            Kind = EventKind.Meetup,
            Format = EventFormat.InPerson,
            StartsOn = new DateOnly(2026, 3, 10),
        }, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void An_Eventbrite_export_becomes_registrations_and_check_ins_with_traits()
    {
        var rows = Read(Eventbrite);

        Assert.Equal([2L, 3L, 4L], rows.Select(row => row.LineNumber));
        Assert.All(rows, row => Assert.Null(row.Error));
        var ada = rows[0].Messages;
        Assert.Equal(["event:1:registered:email:ada@example.com", "event:1:attended:email:ada@example.com"], ada.Select(m => m.MessageId));
        Assert.Equal([EventActivities.Registered, EventActivities.Attended], ada.Select(m => m.ActivityType));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), ada[0].Timestamp);
        // "Yes" without a time: checked in at the start of the first day.
        Assert.Equal(new DateTime(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc), ada[1].Timestamp);
        Assert.Equal(
            [("email", "\"ada@example.com\""), ("name", "\"Ada Lovelace\""), ("company", "\"Analytical Engines, Ltd\"")],
            ada[0].Traits.Select(t => (t.Key, t.ValueJson)));
        Assert.Equal([EventActivities.Registered], rows[1].Messages.Select(m => m.ActivityType));
        Assert.Equal(new DateTime(2026, 3, 10, 18, 30, 0, DateTimeKind.Utc), rows[2].Messages[1].Timestamp);
    }

    [Fact]
    public void A_byte_order_mark_and_renamed_columns_are_read()
    {
        var rows = Read("\uFEFFAttendee,Mail,Joined\nAda,ada@example.com,true\n", new Dictionary<string, string> { ["email"] = "Mail", ["checked_in"] = "Joined" });

        var row = Assert.Single(rows);
        Assert.Equal(["event:1:registered:email:ada@example.com", "event:1:attended:email:ada@example.com"], row.Messages.Select(m => m.MessageId));
        Assert.Equal(("name", "\"Ada\""), (row.Messages[0].Traits[1].Key, row.Messages[0].Traits[1].ValueJson));
    }

    [Fact]
    public void A_file_without_an_email_column_is_refused_at_its_header()
    {
        var refused = Assert.Throws<ImportLineException>(() => Read("Name,Company\nAda,Acme\n"));

        Assert.Equal(
            "guests.csv:1: no column for the attendee's email; looked for email, email_address, attendee_email, e-mail, user_email (name another with --column email=HEADER)",
            refused.Message);
    }

    [Fact]
    public void Bad_rows_say_their_line_and_why()
    {
        var rows = Read("Email,Checked In,Registered At\n,yes,\nnot-an-address,yes,\nok@example.com,maybe,\nok@example.com,no,yesterday\n");

        Assert.Equal(
            [
                (2L, "the email is empty: the attendee cannot be matched to a developer"),
                (3L, "'not-an-address' is not an email address"),
                (4L, "checked_in \"maybe\" is neither yes/no nor a time"),
                (5L, "registered_at \"yesterday\" is not a date or time (write it as ISO 8601, e.g. 2026-03-01T10:00:00Z)"),
            ],
            rows.Select(row => (row.LineNumber, row.Error)));
    }

    [Fact]
    public async Task Importing_stores_the_activities_once_and_a_second_import_stores_nothing()
    {
        var first = await ImportAsync(Eventbrite, skipInvalid: false);
        var again = await ImportAsync(Eventbrite, skipInvalid: false);

        Assert.Equal((3L, 3L, 2L, 0L), (first.Rows, first.Registered, first.Attended, first.Rejected));
        Assert.Equal(5, first.Ingest.ActivitiesStored);
        Assert.Equal(3, first.Ingest.MembersCreated);
        Assert.Equal(0, again.Ingest.ActivitiesStored);
        Assert.Equal(5, again.Ingest.DuplicatesSkipped);
        var facts = Assert.Single(await _store.GetEventFactsAsync(_workspace, [_meetup], Token));
        Assert.Equal((3L, 2L), (facts.Registered, facts.Attended));
    }

    [Fact]
    public async Task A_bad_row_stores_nothing_unless_invalid_rows_are_skipped()
    {
        var csv = Eventbrite + "\n2026-03-04 09:00:00,No,Mail,,,Yes\n";

        var refused = await Assert.ThrowsAsync<ImportLineException>(() => ImportAsync(csv, skipInvalid: false));
        Assert.Equal("guests.csv:5: the email is empty: the attendee cannot be matched to a developer", refused.Message);
        Assert.Equal(0, Assert.Single(await _store.GetEventFactsAsync(_workspace, [_meetup], Token)).Registered);

        var skipped = await ImportAsync(csv, skipInvalid: true);
        Assert.Equal((4L, 3L, 1L), (skipped.Rows, skipped.Registered, skipped.Rejected));
        Assert.Equal(3, Assert.Single(await _store.GetEventFactsAsync(_workspace, [_meetup], Token)).Registered);
    }

    private List<AttendeeCsvRow> Read(string csv, Dictionary<string, string>? overrides = null) =>
        [.. new AttendeeCsvReader(new StringReader(csv), _meetup, overrides).ReadRows("guests.csv", Token)];

    private Task<AttendeeImportSummary> ImportAsync(string csv, bool skipInvalid)
    {
        var text = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return new AttendeeCsvImport(_store).ImportAsync(_workspace, new AttendeeCsvReader(text, _meetup), "guests.csv", skipInvalid, null, Token);
    }
}
